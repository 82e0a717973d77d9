;; Reductions over f64 arrays in the imported memory.
;; An array is (addr, n): n little-endian f64 values from addr, addr 8-aligned.
;; Stateless: nothing to restore on respawn.

(module
  (memory (import "env" "mem") 1)

  ;; a[0] + a[1] + ... + a[n-1], added left to right.
  (func (export "sum") (param $a i32) (param $n i32) (result f64)
    (local $total f64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $total (f64.add (local.get $total) (f64.load (local.get $a))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $total))

  ;; a[0]*b[0] + ... + a[n-1]*b[n-1], added left to right.
  (func (export "dot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $total f64)
    (block $done
      (br_if $done (i32.eqz (local.get $n)))
      (loop $next
        (local.set $total
          (f64.add
            (local.get $total)
            (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
    (local.get $total)))
