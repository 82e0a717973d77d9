//! The engine as JavaScript sees it, through wasm-bindgen: numbers in,
//! numbers out, byte addresses at the boundary and atoms inside. No policy
//! lives here: growth, events and argument checks belong to `bindings/`.
//!
//! Hot calls return plain numbers, with a value no address can take to
//! say "no": addresses are multiples of 16, so [`NO_FIT`] is never one.
//! Calls that can fail otherwise return an error number ([`error_code`]).
//! No JavaScript value crosses: the wasm needs none of the machinery for
//! them, and no JavaScript runs inside a call.

use alloc::boxed::Box;
#[cfg(feature = "check")]
use alloc::string::String;
use core::cell::{Cell, Ref, RefCell, RefMut};
use wasm_bindgen::prelude::*;

use crate::engine::{atoms_to_bytes, Engine, EngineError, Kind, Ticket, ATOM, NO_START};

/// Returned instead of an address when no free span is large enough.
pub const NO_FIT: u32 = u32::MAX;

/// The figures that [`Heap::stat`] reads, by number (`bindings/heap.js`
/// numbers them alike).
pub mod stat {
    /// Capacity in pages.
    pub const PAGES: u32 = 0;
    /// Capacity in atoms.
    pub const TOTAL: u32 = 1;
    /// Atoms in live blocks.
    pub const USED: u32 = 2;
    /// The free span at the start, in atoms.
    pub const HEAD: u32 = 3;
    /// The free span at the end, in atoms.
    pub const TAIL: u32 = 4;
    /// Atoms in reserved spans.
    pub const RESERVED: u32 = 5;
    /// The largest free span, in atoms.
    pub const LARGEST: u32 = 6;
    /// The capacity in pages that `trim` can shrink to.
    pub const TRIM_TARGET: u32 = 7;
}

/// The number by which an engine error reaches JavaScript: `grow`, `trim`
/// and `reserve` return 0 when done, else this. Numbers rather than
/// thrown errors keep JavaScript values, and the machinery they need, out
/// of the wasm: `bindings/` checks arguments first and words its own
/// errors, so these only back it up.
pub fn error_code(e: &EngineError) -> u32 {
    match e {
        EngineError::NoFit { .. } => 1,
        EngineError::NotLive { .. } => 2,
        EngineError::TooLarge { .. } => 3,
        EngineError::CutsLive { .. } => 4,
        EngineError::OutOfRange { .. } => 5,
        EngineError::Overlaps { .. } => 6,
        EngineError::NotReserved { .. } => 7,
    }
}

/// 0 for done, else the error's [`error_code`].
fn code(result: Result<(), EngineError>) -> u32 {
    result.err().map_or(0, |e| error_code(&e))
}

fn to_addr(start: u32) -> u32 {
    // Starts are below 2^28, so the byte address fits in 32 bits.
    atoms_to_bytes(start) as u32
}

/// The atom at byte address `addr`, or `None` when `addr` is not a multiple of 16.
fn to_start(addr: u32) -> Option<u32> {
    (u64::from(addr) % ATOM == 0).then_some(addr / ATOM as u32)
}

/// A ticket as a JS number (exact: tickets are below 2^53).
fn ticket_number(ticket: Ticket) -> f64 {
    ticket.to_bits() as f64
}

/// Appends `n` in decimal to `text`, without the formatting machinery.
#[cfg(feature = "check")]
fn push_decimal(text: &mut String, n: u32) {
    if n >= 10 {
        push_decimal(text, n / 10);
    }
    text.push(char::from(b'0' + (n % 10) as u8));
}

/// One engine, owned by one JavaScript heap, with what the calls leave
/// for the next one to read.
///
/// JavaScript holds a `Heap` by its address: [`create`] makes one,
/// [`destroy`] ends it, and each method below is exported as a function
/// of that address (`by_address!`, below). A call through wasm-bindgen's
/// own classes would pay, each time, for a reference count and a borrow
/// flag on both sides of the call: a tenth of a malloc and free pair, and
/// code in the wasm and the glue for every method.
pub struct Heap {
    engine: RefCell<Engine>,
    /// Pages the last refused `realloc` needs the memory to grow by.
    wanted: Cell<u32>,
}

// Nothing here calls into JavaScript (the one import runs at start), so no
// call can reach an engine that another call is using: a second borrow
// would be a bug, and traps rather than make two live borrows of the
// engine. (A trap, not a panic: a panic's message and location would stay
// in the release wasm as data.)
impl Heap {
    /// An engine over `pages` free pages. Traps past 65536 pages
    /// (`bindings/` never asks for more).
    pub fn new(pages: u32) -> Heap {
        let Ok(engine) = Engine::new(pages) else { core::arch::wasm32::unreachable() };
        Heap { engine: RefCell::new(engine), wanted: Cell::new(0) }
    }

    /// The engine, to read.
    fn engine(&self) -> Ref<'_, Engine> {
        self.engine.try_borrow().unwrap_or_else(|_| core::arch::wasm32::unreachable())
    }

    /// The engine, to change.
    fn engine_mut(&self) -> RefMut<'_, Engine> {
        self.engine.try_borrow_mut().unwrap_or_else(|_| core::arch::wasm32::unreachable())
    }

    /// Allocates `atoms` atoms; the byte address, or [`NO_FIT`].
    pub fn malloc(&self, atoms: u32) -> u32 {
        match self.engine_mut().alloc_start(atoms) {
            NO_START => NO_FIT,
            start => to_addr(start),
        }
    }

    /// Allocates `atoms` atoms at a multiple of `align` atoms; the byte
    /// address, or [`NO_FIT`].
    pub fn malloc_aligned(&self, atoms: u32, align: u32) -> u32 {
        self.engine_mut().alloc_aligned(atoms, align).map_or(NO_FIT, to_addr)
    }

    /// Allocates `atoms` atoms owned by a token; the ticket to register
    /// the token with (its low 28 bits are the block's atom index), or -1.
    pub fn alloc_owned(&self, atoms: u32) -> f64 {
        self.engine_mut().try_alloc_owned(atoms).map_or(-1.0, ticket_number)
    }

    /// As [`Heap::alloc_owned`], at a multiple of `align` atoms.
    pub fn alloc_owned_aligned(&self, atoms: u32, align: u32) -> f64 {
        self.engine_mut().alloc_owned_aligned(atoms, align).map_or(-1.0, ticket_number)
    }

    /// A byte address where `atoms` atoms are free now, or [`NO_FIT`].
    pub fn scratch(&self, atoms: u32) -> u32 {
        self.engine_mut().scratch(atoms).map_or(NO_FIT, to_addr)
    }

    /// As [`Heap::scratch`], at a multiple of `align` atoms.
    pub fn scratch_aligned(&self, atoms: u32, align: u32) -> u32 {
        self.engine_mut().scratch_aligned(atoms, align).map_or(NO_FIT, to_addr)
    }

    /// Pages to grow by so that `atoms` atoms fit at a multiple of `align` atoms.
    pub fn pages_to_fit_aligned(&self, atoms: u32, align: u32) -> u32 {
        self.engine().pages_to_fit_aligned(atoms, align)
    }

    /// Frees the live block at byte address `addr`; the atoms freed, or 0
    /// when `addr` is not the start of a live block.
    pub fn release(&self, addr: u32) -> u32 {
        let mut engine = self.engine_mut();
        to_start(addr).and_then(|start| engine.free(start).ok()).unwrap_or(0)
    }

    /// Resizes the live block at byte address `addr` to `atoms` atoms; its
    /// byte address now, or [`NO_FIT`] with [`Heap::wanted`] set. The
    /// caller copies the bytes when the address changes.
    pub fn realloc(&self, addr: u32, atoms: u32) -> u32 {
        let Some(start) = to_start(addr) else {
            return NO_FIT;
        };
        match self.engine_mut().realloc(start, atoms) {
            Ok(start) => to_addr(start),
            Err(EngineError::NoFit { pages, .. }) => {
                self.wanted.set(pages);
                NO_FIT
            }
            Err(_) => NO_FIT,
        }
    }

    /// Pages the last `realloc` that returned [`NO_FIT`] needs the memory to grow by.
    pub fn wanted(&self) -> u32 {
        self.wanted.get()
    }

    /// The size in atoms of the live block at byte address `addr`, or 0.
    pub fn size_of(&self, addr: u32) -> u32 {
        to_start(addr).and_then(|start| self.engine().size_of(start).ok()).unwrap_or(0)
    }

    /// What the span at byte address `addr` holds: 0 no span starts there,
    /// 1 free, 2 a strong block, 3 a token's block, 4 reserved.
    pub fn kind_of(&self, addr: u32) -> u32 {
        to_start(addr).and_then(|start| self.engine().kind(start)).map_or(0, kind_code)
    }

    /// Ties the strong block at byte address `addr` to a token; the ticket, or -1.
    pub fn tie(&self, addr: u32) -> f64 {
        to_start(addr).and_then(|start| self.engine_mut().tie(start).ok()).map_or(-1.0, ticket_number)
    }

    /// Makes the token's block at byte address `addr` strong; whether there was one.
    pub fn untie(&self, addr: u32) -> bool {
        to_start(addr).is_some_and(|start| self.engine_mut().untie(start).is_ok())
    }

    /// Takes back the ticket of a collected token; the atoms freed (0 for
    /// a block freed earlier), or -1 for a ticket the engine never issued.
    pub fn reclaim(&self, ticket: f64) -> i32 {
        match self.engine_mut().reclaim(Ticket::from_bits(ticket as u64)) {
            Ok(atoms) => atoms as i32,
            Err(_) => -1,
        }
    }

    /// The byte address of the block a ticket's reclaim would free, or [`NO_FIT`].
    pub fn ticket_block(&self, ticket: f64) -> u32 {
        self.engine().ticket_block(Ticket::from_bits(ticket as u64)).map_or(NO_FIT, to_addr)
    }

    /// The byte address of the first span in use that the atoms
    /// `[start, start + atoms)` overlap, or [`NO_FIT`] when they are free.
    pub fn overlap(&self, start: u32, atoms: u32) -> u32 {
        self.engine().first_in_use(start, atoms).map_or(NO_FIT, to_addr)
    }

    /// Reserves the atoms `[start, start + atoms)`, which must be free and
    /// within the memory; 0, or the refusal's [`error_code`].
    pub fn reserve(&self, start: u32, atoms: u32) -> u32 {
        code(self.engine_mut().reserve(start, atoms))
    }

    /// Frees the reserved span at byte address `addr`; its atoms, or 0.
    pub fn unreserve(&self, addr: u32) -> u32 {
        to_start(addr).and_then(|start| self.engine_mut().unreserve(start).ok()).unwrap_or(0)
    }

    /// Adds `pages` free pages at the end; 0, or the refusal's [`error_code`].
    pub fn grow(&self, pages: u32) -> u32 {
        code(self.engine_mut().grow(pages))
    }

    /// Shrinks the capacity to `pages` pages; 0, or the refusal's [`error_code`].
    pub fn trim(&self, pages: u32) -> u32 {
        code(self.engine_mut().trim(pages))
    }

    /// One of the engine's figures: `which` is its number in [`stat`];
    /// 0 for a number not there. One call for them all, where a call each
    /// would cost a shim and a wrapper in the glue each.
    pub fn stat(&self, which: u32) -> u32 {
        let engine = self.engine();
        let stats = engine.stats();
        match which {
            stat::PAGES => engine.pages(),
            stat::TOTAL => stats.total,
            stat::USED => stats.used,
            stat::HEAD => stats.head,
            stat::TAIL => stats.tail,
            stat::RESERVED => stats.reserved,
            stat::LARGEST => stats.largest,
            stat::TRIM_TARGET => engine.trim_target(),
            _ => 0,
        }
    }

    /// The atoms of the span (of any kind) at byte address `addr`, or 0
    /// when no span starts there. With [`Heap::kind_of`], what `spans()`
    /// in `bindings/` walks the layout with, a span at a time: no vector
    /// crosses, so neither the wasm nor the glue carries the code to pass
    /// and free one.
    pub fn span_atoms(&self, addr: u32) -> u32 {
        to_start(addr).and_then(|start| self.engine().span(start)).map_or(0, |span| span.atoms)
    }

    /// Walks every invariant: nothing when all hold, else the first one
    /// broken, in words. In the development build only (feature `check`):
    /// the walk and its sentences are a seventh of the wasm.
    #[cfg(feature = "check")]
    pub fn check(&self) -> Option<String> {
        let violation = self.engine().check().err()?;
        let mut message = String::from(violation.rule);
        if let Some(atom) = violation.atom {
            message.push_str(" (at byte ");
            push_decimal(&mut message, to_addr(atom));
            message.push(')');
        }
        Some(message)
    }
}

/// A new [`Heap`] over `pages` free pages; its address, which every other
/// call takes. Traps past 65536 pages.
#[wasm_bindgen]
pub fn create(pages: u32) -> *const Heap {
    Box::into_raw(Box::new(Heap::new(pages)))
}

/// Ends the [`Heap`] at `heap`.
///
/// # Safety
/// `heap` comes from [`create`] and was not destroyed yet; no call uses
/// it after this one. (`bindings/heap.js` destroys a heap's engine once
/// the JavaScript heap is collected, with nothing left to call it.)
#[wasm_bindgen]
pub unsafe fn destroy(heap: *const Heap) {
    // SAFETY: the caller's promise: `create` boxed it, and it is dropped once.
    drop(unsafe { Box::from_raw(heap.cast_mut()) });
}

/// Exports each [`Heap`] method named, under its JavaScript name, as a
/// function of the heap's address and the method's arguments.
macro_rules! by_address {
    ($($(#[$attr:meta])* $js:ident => $method:ident($($arg:ident: $ty:ty),*) -> $ret:ty;)*) => {$(
        $(#[$attr])*
        #[doc = concat!("[`Heap::", stringify!($method), "`] of the heap at `heap`.")]
        ///
        /// # Safety
        /// `heap` comes from [`create`] and was not [`destroy`]ed.
        #[wasm_bindgen(js_name = $js)]
        pub unsafe fn $method(heap: *const Heap, $($arg: $ty),*) -> $ret {
            // SAFETY: the caller's promise. No `&mut Heap` ever exists, so
            // this shared reference aliases nothing.
            unsafe { &*heap }.$method($($arg),*)
        }
    )*};
}

by_address! {
    malloc => malloc(atoms: u32) -> u32;
    mallocAligned => malloc_aligned(atoms: u32, align: u32) -> u32;
    allocOwned => alloc_owned(atoms: u32) -> f64;
    allocOwnedAligned => alloc_owned_aligned(atoms: u32, align: u32) -> f64;
    scratch => scratch(atoms: u32) -> u32;
    scratchAligned => scratch_aligned(atoms: u32, align: u32) -> u32;
    pagesToFitAligned => pages_to_fit_aligned(atoms: u32, align: u32) -> u32;
    release => release(addr: u32) -> u32;
    realloc => realloc(addr: u32, atoms: u32) -> u32;
    wanted => wanted() -> u32;
    sizeOf => size_of(addr: u32) -> u32;
    kindOf => kind_of(addr: u32) -> u32;
    tie => tie(addr: u32) -> f64;
    untie => untie(addr: u32) -> bool;
    reclaim => reclaim(ticket: f64) -> i32;
    ticketBlock => ticket_block(ticket: f64) -> u32;
    overlap => overlap(start: u32, atoms: u32) -> u32;
    reserve => reserve(start: u32, atoms: u32) -> u32;
    unreserve => unreserve(addr: u32) -> u32;
    grow => grow(pages: u32) -> u32;
    trim => trim(pages: u32) -> u32;
    stat => stat(which: u32) -> u32;
    spanAtoms => span_atoms(addr: u32) -> u32;
    #[cfg(feature = "check")]
    check => check() -> Option<String>;
}

fn kind_code(kind: Kind) -> u32 {
    match kind {
        Kind::Free => 1,
        Kind::Strong => 2,
        Kind::Owned => 3,
        Kind::Reserved => 4,
    }
}
