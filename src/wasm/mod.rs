//! The engine as JavaScript sees it, through wasm-bindgen: numbers in,
//! numbers out, byte addresses at the boundary and atoms inside. No policy
//! lives here: growth, events and argument checks belong to `bindings/`.
//!
//! Hot calls return plain numbers, with a value no address can take to
//! say "no": addresses are multiples of 16, so [`NO_FIT`] is never one.
//! Cold calls return `Result` and raise a `RangeError`.

use alloc::vec::Vec;
use wasm_bindgen::prelude::*;

use crate::engine::{atoms_to_bytes, Engine, EngineError, Ticket, ATOM};

/// Returned instead of an address when no free span is large enough.
pub const NO_FIT: u32 = u32::MAX;

impl From<EngineError> for JsValue {
    /// A `RangeError` with a fixed sentence per kind. `bindings/` checks
    /// arguments first and words its own messages with the values; this
    /// only backs it up, and keeps Rust's formatting code out of the wasm.
    fn from(e: EngineError) -> JsValue {
        let message = match e {
            EngineError::NoFit { .. } => "hostheap: no free span is large enough",
            EngineError::NotLive { .. } => "hostheap: not the start of a live block",
            EngineError::TooLarge { .. } => "hostheap: the memory would pass 65536 pages (4 GiB)",
            EngineError::CutsLive { .. } => "hostheap: trimming that far would cut live blocks",
        };
        js_sys::RangeError::new(message).into()
    }
}

fn to_addr(start: u32) -> u32 {
    // Starts are below 2^28, so the byte address fits in 32 bits.
    atoms_to_bytes(start) as u32
}

/// One engine, owned by one JavaScript heap.
#[wasm_bindgen]
pub struct Heap {
    engine: Engine,
}

#[wasm_bindgen]
impl Heap {
    /// An engine over `pages` free pages.
    #[wasm_bindgen(constructor)]
    pub fn new(pages: u32) -> Result<Heap, JsValue> {
        Ok(Heap { engine: Engine::new(pages)? })
    }

    /// Allocates `atoms` atoms; the byte address, or [`NO_FIT`].
    pub fn malloc(&mut self, atoms: u32) -> u32 {
        self.engine.alloc(atoms).map_or(NO_FIT, to_addr)
    }

    /// Allocates `atoms` atoms owned by a token; the ticket to register the
    /// token with (its low 28 bits are the block's atom index), or -1.
    #[wasm_bindgen(js_name = allocOwned)]
    pub fn alloc_owned(&mut self, atoms: u32) -> f64 {
        self.engine.alloc_owned(atoms).map_or(-1.0, |ticket| ticket.to_bits() as f64)
    }

    /// A byte address where `atoms` atoms are free now, or [`NO_FIT`].
    pub fn scratch(&mut self, atoms: u32) -> u32 {
        self.engine.scratch(atoms).map_or(NO_FIT, to_addr)
    }

    /// Frees the live block at byte address `addr`; the atoms freed, or 0
    /// when `addr` is not the start of a live block. (Named `release` in JS:
    /// wasm-bindgen gives every class a `free()` that drops the Rust object.)
    pub fn release(&mut self, addr: u32) -> u32 {
        if u64::from(addr) % ATOM != 0 {
            return 0;
        }
        self.engine.free(addr / ATOM as u32).unwrap_or(0)
    }

    /// Takes back the ticket of a collected token; the atoms freed (0 for
    /// a block freed earlier), or -1 for a ticket the engine never issued.
    pub fn reclaim(&mut self, ticket: f64) -> i32 {
        match self.engine.reclaim(Ticket::from_bits(ticket as u64)) {
            Ok(atoms) => atoms as i32,
            Err(_) => -1,
        }
    }

    /// Pages to grow by so that `atoms` atoms fit.
    #[wasm_bindgen(js_name = pagesToFit)]
    pub fn pages_to_fit(&self, atoms: u32) -> u32 {
        self.engine.pages_to_fit(atoms)
    }

    /// Adds `pages` free pages at the end.
    pub fn grow(&mut self, pages: u32) -> Result<(), JsValue> {
        Ok(self.engine.grow(pages)?)
    }

    /// The capacity in pages that `trim` can shrink to.
    #[wasm_bindgen(js_name = trimTarget)]
    pub fn trim_target(&self) -> u32 {
        self.engine.trim_target()
    }

    /// Shrinks the capacity to `pages` pages.
    pub fn trim(&mut self, pages: u32) -> Result<(), JsValue> {
        Ok(self.engine.trim(pages)?)
    }

    /// Capacity in pages.
    pub fn pages(&self) -> u32 {
        self.engine.pages()
    }

    /// Capacity in atoms.
    #[wasm_bindgen(js_name = totalAtoms)]
    pub fn total_atoms(&self) -> u32 {
        self.engine.capacity()
    }

    /// Atoms in live blocks.
    #[wasm_bindgen(js_name = usedAtoms)]
    pub fn used_atoms(&self) -> u32 {
        self.engine.stats().used
    }

    /// The free span at the start, in atoms.
    #[wasm_bindgen(js_name = headAtoms)]
    pub fn head_atoms(&self) -> u32 {
        self.engine.stats().head
    }

    /// The free span at the end, in atoms.
    #[wasm_bindgen(js_name = tailAtoms)]
    pub fn tail_atoms(&self) -> u32 {
        self.engine.stats().tail
    }

    /// The largest free span, in atoms.
    #[wasm_bindgen(js_name = largestAtoms)]
    pub fn largest_atoms(&self) -> u32 {
        self.engine.stats().largest
    }

    /// The layout as `[start, atoms, free]` triples of numbers, in address order.
    pub fn spans(&self) -> Vec<u32> {
        self.engine.spans().flat_map(|span| [span.start, span.atoms, u32::from(span.free)]).collect()
    }
}
