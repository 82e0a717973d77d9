;; fill(addr, len, byte): writes `byte` over the `len` bytes at `addr`.
(module
  (memory (import "env" "mem") 1)
  (func (export "fill") (param $addr i32) (param $len i32) (param $byte i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $addr) (local.get $len)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $addr) (local.get $end)))
        (i32.store8 (local.get $addr) (local.get $byte))
        (local.set $addr (i32.add (local.get $addr) (i32.const 1)))
        (br $next)))))
