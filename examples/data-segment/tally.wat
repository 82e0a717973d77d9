;; Eight i32 counters at a fixed address, set up by an active data segment,
;; and a label after them. `add` rewrites the counters at run time and counts
;; its calls in an exported mutable global: the one piece of state that lives
;; in the instance, not in the memory.
;;
;;   1024 .. 1056   counters[0..8], starting at 10, 20, … 80   (segment 0)
;;   1056 .. 1064   "counters"                                 (segment 1)
;;
;; Every instantiation writes both segments again, so a new instance on a
;; memory where the counters have moved on would reset them: hostheap
;; reserves the range and copies it back after a respawn.
;;
;; A slot of 8 or more traps.

(module
  (memory (import "env" "mem") 1)

  (global $updates (export "updates") (mut i32) (i32.const 0))

  (data (i32.const 1024)
    "\0a\00\00\00" "\14\00\00\00" "\1e\00\00\00" "\28\00\00\00"
    "\32\00\00\00" "\3c\00\00\00" "\46\00\00\00" "\50\00\00\00")
  (data (i32.const 1056) "counters")

  ;; Address of counter $slot.
  (func $counter (param $slot i32) (result i32)
    (if (i32.ge_u (local.get $slot) (i32.const 8)) (then unreachable))
    (i32.add (i32.const 1024) (i32.shl (local.get $slot) (i32.const 2))))

  ;; Adds $n to counter $slot; returns its new value.
  (func (export "add") (param $slot i32) (param $n i32) (result i32)
    (local $addr i32)
    (local.set $addr (call $counter (local.get $slot)))
    (i32.store (local.get $addr) (i32.add (i32.load (local.get $addr)) (local.get $n)))
    (global.set $updates (i32.add (global.get $updates) (i32.const 1)))
    (i32.load (local.get $addr)))

  ;; The value of counter $slot.
  (func (export "get") (param $slot i32) (result i32)
    (i32.load (call $counter (local.get $slot))))

  ;; The sum of the eight counters.
  (func (export "sum") (result i32)
    (local $slot i32)
    (local $total i32)
    (loop $next
      (local.set $total (i32.add (local.get $total) (i32.load (call $counter (local.get $slot)))))
      (local.set $slot (i32.add (local.get $slot) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $slot) (i32.const 8))))
    (local.get $total)))
