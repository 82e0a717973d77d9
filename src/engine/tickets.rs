//! Blocks owned by tokens, and the tickets that tie them together.
//!
//! A token's block is registered with a [`Ticket`], a number the host hands
//! back through [`Engine::reclaim`] once the token is collected. The ticket
//! is the block's start plus a generation, so no table is needed while
//! blocks stay where they were allocated. Three rarer cases keep a record:
//! - a block freed before its token (or made strong) leaves its ticket in
//!   `orphans`, so the later reclaim frees nothing;
//! - a second block at a start whose earlier ticket is still pending gets
//!   the next generation, kept in `generations`;
//! - a block that `realloc` moved keeps its first ticket, kept in `moved`
//!   (ticket → start) and `moved_from` (start → ticket).
//!
//! Invariant: a ticket is pending (orphaned, moved, or the direct ticket of
//! an owned block) at most once, so a reclaim never frees a block that its
//! token does not own.

use super::ordered::OrderedSet;
use super::{Engine, EngineError, MAX_ATOMS, NO_START};

/// Bits of a [`Ticket`] that hold the block's start.
const TICKET_START_BITS: u32 = MAX_ATOMS.trailing_zeros();

/// The value a token allocation is registered with: the block's start and
/// a generation that tells it apart from earlier blocks at the same start
/// whose tokens are still pending. It fits in 53 bits, so a JS number
/// carries it exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ticket(u64);

impl Ticket {
    fn new(start: u32, generation: u32) -> Ticket {
        Ticket(u64::from(generation) << TICKET_START_BITS | u64::from(start))
    }

    /// The ticket with these bits, as returned by [`Ticket::to_bits`].
    pub fn from_bits(bits: u64) -> Ticket {
        Ticket(bits)
    }

    /// The ticket as an integer below 2^53.
    pub fn to_bits(self) -> u64 {
        self.0
    }

    /// The first atom of the block when it was tied to its token.
    pub fn start(self) -> u32 {
        (self.0 & (u64::from(MAX_ATOMS) - 1)) as u32
    }

    /// The ticket as a key of the records' ordered sets.
    fn key(self) -> u128 {
        u128::from(self.0)
    }

    fn generation(self) -> u32 {
        (self.0 >> TICKET_START_BITS) as u32
    }
}

fn generation_key(start: u32, generation: u32) -> u128 {
    u128::from(start) << 32 | u128::from(generation)
}

/// The records behind tickets; empty while no block was freed before its
/// token, moved, or allocated over a pending ticket.
#[derive(Clone, Debug, Default)]
pub(super) struct Tickets {
    /// `start << 32 | generation` of owned blocks whose generation is not 0.
    generations: OrderedSet,
    /// Tickets of owned blocks freed early whose tokens are still pending.
    orphans: OrderedSet,
    /// `ticket << 64 | start` of owned blocks that moved: their first
    /// ticket and their start now.
    moved: OrderedSet,
    /// The same pairs the other way round, `start << 64 | ticket`.
    moved_from: OrderedSet,
}

/// The value paired with `key` in a set of `key << 64 | value` pairs.
/// Not inlined: shared by the ticket calls (see the engine's notes on size).
#[inline(never)]
fn paired(set: &OrderedSet, key: u64) -> Option<u64> {
    if set.is_empty() {
        return None;
    }
    let pair = set.first_from(u128::from(key) << 64)?;
    ((pair >> 64) as u64 == key).then_some(pair as u64)
}

fn pair(key: u64, value: u64) -> u128 {
    u128::from(key) << 64 | u128::from(value)
}

impl Tickets {
    pub(super) fn heap_bytes(&self) -> usize {
        self.generations.heap_bytes()
            + self.orphans.heap_bytes()
            + self.moved.heap_bytes()
            + self.moved_from.heap_bytes()
    }

    /// The generation of the pending ticket of the owned block at `start`,
    /// 0 unless one is recorded. Not inlined, as `paired`.
    #[inline(never)]
    fn generation(&self, start: u32) -> u32 {
        if self.generations.is_empty() {
            return 0;
        }
        match self.generations.first_from(generation_key(start, 0)) {
            Some(key) if key >> 32 == u128::from(start) => key as u32,
            _ => 0,
        }
    }

    fn is_pending(&self, ticket: Ticket) -> bool {
        self.orphans.contains(ticket.key()) || paired(&self.moved, ticket.0).is_some()
    }
}

impl Engine {
    /// Like [`Engine::alloc`], for a block owned by a token: the ticket is
    /// what the token is registered with, and [`Engine::reclaim`] takes it back.
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span is large enough.
    pub fn alloc_owned(&mut self, atoms: u32) -> Result<Ticket, EngineError> {
        self.try_alloc_owned(atoms).ok_or_else(|| self.no_fit(atoms))
    }

    /// [`Engine::alloc_owned`] for the hot path: `None` when no free span
    /// is large enough, so that no error is built (and no `Result` goes
    /// through memory) on the way out.
    #[inline]
    pub fn try_alloc_owned(&mut self, atoms: u32) -> Option<Ticket> {
        match self.alloc_start(atoms) {
            NO_START => None,
            start => Some(self.own(start)),
        }
    }

    /// Like [`Engine::alloc_aligned`], for a block owned by a token.
    ///
    /// # Errors
    /// [`EngineError::NoFit`] when no free span is large enough.
    pub fn alloc_owned_aligned(&mut self, atoms: u32, align: u32) -> Result<Ticket, EngineError> {
        let start = self.alloc_aligned(atoms, align)?;
        Ok(self.own(start))
    }

    /// Ties the strong block at `start` to a token: the ticket to register
    /// the token with, as from [`Engine::alloc_owned`].
    ///
    /// # Errors
    /// [`EngineError::NotLive`] unless a strong block starts at `start`.
    pub fn tie(&mut self, start: u32) -> Result<Ticket, EngineError> {
        if !self.is_block(start) || self.layout.is_owned(start) {
            return Err(EngineError::NotLive { start });
        }
        Ok(self.own(start))
    }

    /// Makes the token's block at `start` strong: it outlives its token,
    /// whose later reclaim frees nothing.
    ///
    /// # Errors
    /// [`EngineError::NotLive`] unless a token's block starts at `start`.
    pub fn untie(&mut self, start: u32) -> Result<(), EngineError> {
        if !self.is_block(start) || !self.layout.is_owned(start) {
            return Err(EngineError::NotLive { start });
        }
        self.orphan(start);
        Ok(())
    }

    /// Takes back a ticket whose token was collected: frees its block, or
    /// forgets the orphan if the block was freed already. Returns the atoms freed.
    ///
    /// # Errors
    /// [`EngineError::NotLive`] when the ticket matches neither a live owned block nor an orphan.
    pub fn reclaim(&mut self, ticket: Ticket) -> Result<u32, EngineError> {
        let tickets = &mut self.tickets;
        if tickets.orphans.remove(ticket.key()) {
            return Ok(0);
        }
        let start = match paired(&tickets.moved, ticket.0) {
            Some(start) => {
                tickets.moved.remove(pair(ticket.0, start));
                tickets.moved_from.remove(pair(start, ticket.0));
                start as u32
            }
            None => {
                let start = ticket.start();
                let owned = self.layout.is_live(start) && self.layout.is_owned(start);
                let moved_here = paired(&tickets.moved_from, u64::from(start)).is_some();
                if !owned || tickets.generation(start) != ticket.generation() || moved_here {
                    return Err(EngineError::NotLive { start });
                }
                tickets.generations.remove(generation_key(start, ticket.generation()));
                start
            }
        };
        self.layout.clear_owned(start);
        let atoms = self.release(start);
        self.used -= atoms;
        Ok(atoms)
    }

    /// The start of the block that [`Engine::reclaim`] would free for
    /// `ticket`, or `None` (an orphan, or a ticket not pending).
    pub fn ticket_block(&self, ticket: Ticket) -> Option<u32> {
        let tickets = &self.tickets;
        if tickets.orphans.contains(ticket.key()) {
            return None;
        }
        if let Some(start) = paired(&tickets.moved, ticket.0) {
            return Some(start as u32);
        }
        let start = ticket.start();
        let owned = self.is_owned(start) && tickets.generation(start) == ticket.generation();
        (owned && paired(&tickets.moved_from, u64::from(start)).is_none()).then_some(start)
    }

    /// Whether `start` is a live block owned by a token. Not inlined, as
    /// `paired`.
    #[inline(never)]
    pub fn is_owned(&self, start: u32) -> bool {
        self.layout.is_live(start) && self.layout.is_owned(start)
    }

    /// Marks the live block at `start` owned and issues its ticket: the
    /// first generation no pending ticket of this start has. Inlined into
    /// the token's allocation; the search for a free generation, only
    /// needed while some ticket is pending, is not.
    #[inline]
    pub(super) fn own(&mut self, start: u32) -> Ticket {
        self.layout.set_owned(start);
        let tickets = &self.tickets;
        if tickets.orphans.is_empty() && tickets.moved.is_empty() {
            Ticket::new(start, 0)
        } else {
            self.next_generation(start)
        }
    }

    /// The first generation of `start` that no pending ticket has, recorded.
    #[inline(never)]
    fn next_generation(&mut self, start: u32) -> Ticket {
        let tickets = &mut self.tickets;
        let mut ticket = Ticket::new(start, 0);
        while tickets.is_pending(ticket) {
            ticket = Ticket::new(start, ticket.generation() + 1);
        }
        if ticket.generation() != 0 {
            tickets.generations.insert(generation_key(start, ticket.generation()));
        }
        ticket
    }

    /// The pending ticket of the owned block at `start`.
    fn ticket_of(&self, start: u32) -> Ticket {
        let tickets = &self.tickets;
        match paired(&tickets.moved_from, u64::from(start)) {
            Some(bits) => Ticket(bits),
            None => Ticket::new(start, tickets.generation(start)),
        }
    }

    /// Frees the owned block at `start` from its token: the ticket stays
    /// pending as an orphan. Not inlined: `free` calls it for a token's
    /// block only, and inlined its set operations would give `free` a
    /// stack frame to set up on every call.
    #[inline(never)]
    pub(super) fn orphan(&mut self, start: u32) {
        if let Some(ticket) = self.disown(start) {
            self.tickets.orphans.insert(ticket.key());
        }
    }

    /// Takes the owner off the block at `start`, if it has one, and returns
    /// its ticket, which the caller passes on or orphans.
    pub(super) fn disown(&mut self, start: u32) -> Option<Ticket> {
        if !self.layout.is_owned(start) {
            return None;
        }
        let ticket = self.ticket_of(start);
        self.layout.clear_owned(start);
        let tickets = &mut self.tickets;
        if tickets.moved_from.remove(pair(u64::from(start), ticket.0)) {
            tickets.moved.remove(pair(ticket.0, u64::from(start)));
        } else if ticket.generation() != 0 {
            tickets.generations.remove(generation_key(start, ticket.generation()));
        }
        Some(ticket)
    }

    /// Gives the block at `start`, which moved, the ticket it had.
    pub(super) fn reown(&mut self, start: u32, ticket: Ticket) {
        self.layout.set_owned(start);
        self.tickets.moved.insert(pair(ticket.0, u64::from(start)));
        self.tickets.moved_from.insert(pair(u64::from(start), ticket.0));
    }

    /// Checks the ticket records against the layout.
    pub(super) fn check_tickets(&self) -> Result<(), super::Violation> {
        use super::Violation;
        let tickets = &self.tickets;
        for key in tickets.generations.iter() {
            let start = (key >> 32) as u32;
            if !self.is_owned(start) {
                return Err(Violation::at("a generation is recorded for a block no token owns", start));
            }
        }
        if tickets.moved.len() != tickets.moved_from.len() {
            return Err(Violation::new("the moved tickets disagree with their starts"));
        }
        for key in tickets.moved.iter() {
            let (bits, start) = ((key >> 64) as u64, key as u32);
            if !self.is_owned(start) || paired(&tickets.moved_from, u64::from(start)) != Some(bits) {
                return Err(Violation::at("a moved ticket points at a block no token owns", start));
            }
            if tickets.orphans.contains(u128::from(bits)) {
                return Err(Violation::at("a ticket is both moved and orphaned", start));
            }
            if tickets.generation(start) != 0 {
                return Err(Violation::at("a moved block also has a generation", start));
            }
        }
        Ok(())
    }
}
