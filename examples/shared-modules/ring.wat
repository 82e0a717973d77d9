;; A FIFO ring of i32 values. The slots live in the imported memory; where
;; they are and which are in use is kept in four mutable globals, exported so
;; that a respawn can copy them into the new instance.
;;
;;   slots: base .. base + capacity*4
;;   in use: count slots starting at index head, wrapping at capacity
;;
;; Misuse (push when full, shift when empty, `at` past the end) traps.

(module
  (memory (import "env" "mem") 1)

  (global $base (export "base") (mut i32) (i32.const 0))
  (global $capacity (export "capacity") (mut i32) (i32.const 0))
  (global $head (export "head") (mut i32) (i32.const 0))
  (global $count (export "count") (mut i32) (i32.const 0))

  ;; Address of the slot $index places after the head.
  (func $slot (param $index i32) (result i32)
    (i32.add
      (global.get $base)
      (i32.mul
        (i32.rem_u (i32.add (global.get $head) (local.get $index)) (global.get $capacity))
        (i32.const 4))))

  ;; Use $capacity slots at $base; the ring starts empty.
  (func (export "reset") (param $base i32) (param $capacity i32)
    (if (i32.eqz (local.get $capacity)) (then unreachable))
    (global.set $base (local.get $base))
    (global.set $capacity (local.get $capacity))
    (global.set $head (i32.const 0))
    (global.set $count (i32.const 0)))

  ;; Append $value at the tail.
  (func (export "push") (param $value i32)
    (if (i32.eq (global.get $count) (global.get $capacity)) (then unreachable))
    (i32.store (call $slot (global.get $count)) (local.get $value))
    (global.set $count (i32.add (global.get $count) (i32.const 1))))

  ;; Remove and return the value at the head.
  (func (export "shift") (result i32)
    (local $value i32)
    (if (i32.eqz (global.get $count)) (then unreachable))
    (local.set $value (i32.load (call $slot (i32.const 0))))
    (global.set $head
      (i32.rem_u (i32.add (global.get $head) (i32.const 1)) (global.get $capacity)))
    (global.set $count (i32.sub (global.get $count) (i32.const 1)))
    (local.get $value))

  ;; The value $index places after the head, without removing it.
  (func (export "at") (param $index i32) (result i32)
    (if (i32.ge_u (local.get $index) (global.get $count)) (then unreachable))
    (i32.load (call $slot (local.get $index)))))
