;; checksum(addr, len): the sum of the `len` bytes at `addr`, so the page
;; can tell that a block's contents survived growth and trim.
(module
  (memory (import "env" "mem") 1)
  (func (export "checksum") (param $addr i32) (param $len i32) (result i32)
    (local $sum i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addr) (local.get $end)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (local.get $addr))))
        (local.set $addr (i32.add (local.get $addr) (i32.const 1)))
        (br $next)))
    (local.get $sum)))
