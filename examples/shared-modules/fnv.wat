;; 32-bit FNV-1a over bytes in the imported memory. Stateless.

(module
  (memory (import "env" "mem") 1)

  ;; hash = 0x811c9dc5; for each byte: hash = (hash ^ byte) * 0x01000193
  (func (export "fnv1a") (param $addr i32) (param $len i32) (result i32)
    (local $hash i32)
    (local.set $hash (i32.const 0x811c9dc5))
    (block $done
      (br_if $done (i32.eqz (local.get $len)))
      (loop $next
        (local.set $hash
          (i32.mul
            (i32.xor (local.get $hash) (i32.load8_u (local.get $addr)))
            (i32.const 0x01000193)))
        (local.set $addr (i32.add (local.get $addr) (i32.const 1)))
        (br_if $next (local.tee $len (i32.sub (local.get $len) (i32.const 1))))))
    (local.get $hash)))
