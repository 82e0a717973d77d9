// GC stress: many blocks tied to the lifetimes of many owner objects, a few
// long-lived and many short-lived, collected for real in waves. Each block
// is filled with a pattern derived from its address as soon as it is
// allocated, so a block handed out twice, or freed while its owner lives and
// handed out again, shows as a broken pattern; the long-lived blocks must
// also still be live blocks of their size in spans(). At the end every owner
// is dropped, and after collection the heap's used bytes are back where they
// started.
//
// Used by tests/js/stress.node.test.js and the figures command, so the
// figures are those of the test.

import { createHeap } from 'hostheap';
import { collectRounds, collectUntil } from '../js/collect.js';
import { brokenInvariants, fillPattern, holdsPattern, seeded } from './invariants.js';

/** An object whose collection frees its blocks; it remembers them as `addr, size, serial` triples. */
class Owner {
  blocks = [];
}

/** The `i`th of `parts` near-equal shares of `total`. */
function share(total, i, parts) {
  return Math.floor(((i + 1) * total) / parts) - Math.floor((i * total) / parts);
}

/**
 * Runs the stress on a heap of its own.
 * @param {{ allocations?: number, shortOwners?: number, longOwners?: number, waves?: number, seed?: number }} [options]
 *   allocations: GC-tied allocations in all (a tenth of them for the long-lived owners);
 *   waves: rounds of short-lived owners, each dropped and collected before the next
 * @returns {Promise<{ allocations: number, collections: number, failures: string[] }>}
 */
export async function stressTokens({ allocations = 1_000_000, shortOwners = 100_000, longOwners = 1_000, waves = 20, seed = 1 } = {}) {
  const heap = createHeap();
  const startUsed = heap.usedBytes();
  const random = seeded(seed);
  const failures = [];
  const longBlocks = Math.floor(allocations / 10);
  const shortBlocks = allocations - longBlocks;
  let placed = 0;
  let collections = 0;

  function place(owner) {
    const size = 16 * (1 + (random() % 16));
    const addr = heap.alloc(size, owner);
    // The serial salts the pattern, so a later block at the same address writes other bytes.
    fillPattern(heap.buffer, addr, size, placed);
    owner.blocks.push(addr, size, placed);
    placed++;
  }

  function verify(owners, what) {
    const buffer = heap.buffer;
    for (const owner of owners) {
      for (let i = 0; i < owner.blocks.length; i += 3) {
        const [addr, size, serial] = [owner.blocks[i], owner.blocks[i + 1], owner.blocks[i + 2]];
        if (!holdsPattern(buffer, addr, size, serial) && failures.length < 20) {
          failures.push(`${what}: the block at ${addr} (${size} bytes) lost its pattern`);
        }
      }
    }
  }

  function verifyLive(owners, what) {
    const live = new Map(heap.spans().filter((span) => !span.free).map((span) => [span.addr, span.size]));
    for (const owner of owners) {
      for (let i = 0; i < owner.blocks.length; i += 3) {
        if (live.get(owner.blocks[i]) !== owner.blocks[i + 1] && failures.length < 20) {
          failures.push(`${what}: the block at ${owner.blocks[i]} is no longer a live block of ${owner.blocks[i + 1]} bytes`);
        }
      }
    }
  }

  let longLived = Array.from({ length: longOwners }, () => new Owner());
  let nextLong = 0;
  let shortDone = 0;

  // One wave of short-lived owners, made, checked and dropped. A function
  // of its own, not the async loop below: a suspended async frame may keep
  // the last owner it touched alive.
  function wave(number) {
    const shortLived = [];
    const owners = share(shortOwners, number, waves);
    const longThisWave = share(longBlocks, number, waves);
    let longPlaced = 0;
    for (let o = 0; o < owners; o++) {
      const owner = new Owner();
      const blocks = share(shortBlocks, shortDone++, shortOwners);
      for (let b = 0; b < blocks; b++) place(owner);
      shortLived.push(owner);
      // Long-lived blocks come in among the short-lived ones, round robin over their owners.
      for (; longPlaced < Math.floor(((o + 1) * longThisWave) / owners); longPlaced++) {
        place(longLived[nextLong++ % longOwners]);
      }
    }
    verify(shortLived, `wave ${number}, short-lived`);
    verify(longLived, `wave ${number}, long-lived before collection`);
  }

  for (let number = 0; number < waves; number++) {
    wave(number);
    await collectRounds(2);
    collections += 2;
    verify(longLived, `wave ${number}, long-lived after collection`);
    if (number % 5 === 4 || number === waves - 1) verifyLive(longLived, `wave ${number}`);
    for (const broken of brokenInvariants(heap)) failures.push(`wave ${number}: ${broken}`);
  }

  longLived = null;
  let rounds = 0;
  await collectUntil(() => (rounds++, heap.usedBytes() === startUsed), `usedBytes() back to ${startUsed}`, 200).catch((error) =>
    failures.push(`${error.message}: ${heap.usedBytes()} bytes still used`),
  );
  collections += rounds;
  for (const broken of brokenInvariants(heap)) failures.push(`at the end: ${broken}`);
  return { allocations: placed, collections, failures };
}
