;; A particle in 16 bytes of the shared memory: x, y, vx, vy as f32.
;; init(addr, seed) places it, step(addr) moves it one tick and bounces it
;; off the walls of the unit square.
(module
  (memory (import "env" "mem") 1)

  (func (export "init") (param $addr i32) (param $seed i32)
    ;; Positions and speeds from the seed's bytes, scaled into [0, 1) and [-0.01, 0.01).
    (f32.store offset=0 (local.get $addr)
      (f32.div (f32.convert_i32_u (i32.and (local.get $seed) (i32.const 255))) (f32.const 256)))
    (f32.store offset=4 (local.get $addr)
      (f32.div (f32.convert_i32_u (i32.and (i32.shr_u (local.get $seed) (i32.const 8)) (i32.const 255))) (f32.const 256)))
    (f32.store offset=8 (local.get $addr)
      (f32.div (f32.convert_i32_s (i32.sub (i32.and (i32.shr_u (local.get $seed) (i32.const 16)) (i32.const 255)) (i32.const 128))) (f32.const 12800)))
    (f32.store offset=12 (local.get $addr)
      (f32.div (f32.convert_i32_s (i32.sub (i32.shr_u (local.get $seed) (i32.const 24)) (i32.const 128))) (f32.const 12800))))

  (func $axis (param $at i32)
    (local $pos f32)
    (local $speed f32)
    (local.set $speed (f32.load offset=8 (local.get $at)))
    (local.set $pos (f32.add (f32.load (local.get $at)) (local.get $speed)))
    (if (i32.or (f32.lt (local.get $pos) (f32.const 0)) (f32.ge (local.get $pos) (f32.const 1)))
      (then
        (local.set $speed (f32.neg (local.get $speed)))
        (local.set $pos (f32.add (local.get $pos) (f32.mul (f32.const 2) (local.get $speed))))))
    (f32.store (local.get $at) (local.get $pos))
    (f32.store offset=8 (local.get $at) (local.get $speed)))

  (func (export "step") (param $addr i32)
    (call $axis (local.get $addr))
    (call $axis (i32.add (local.get $addr) (i32.const 4)))))
