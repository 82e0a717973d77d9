;; xoshiro128** whose output is stirred with a CRC-32 table.
;;
;; Layout in the imported memory (all little-endian i32 words):
;;   $tab .. $tab+1024   256 CRC-32 remainders, one per byte value; written
;;                       once by `init`, read by every `rand`.
;;   $self .. $self+16   one generator: state words s0 s1 s2 s3.
;;
;; The module keeps nothing of its own: no data segments, no mutable
;; globals. A respawn on a new memory therefore needs only fresh imports.

(module
  (memory (import "env" "mem") 1)
  (global $tab (import "env" "tab") i32)

  ;; Fill the table: entry i is the reflected CRC-32 (polynomial 0xedb88320)
  ;; of the single byte i.
  (func (export "init")
    (local $byte i32)
    (local $crc i32)
    (local $bits i32)
    (loop $entries
      (local.set $crc (local.get $byte))
      (local.set $bits (i32.const 8))
      (loop $shift
        ;; crc = (crc >>> 1) ^ (0xedb88320 if the low bit was set, else 0)
        (local.set $crc
          (i32.xor
            (i32.shr_u (local.get $crc) (i32.const 1))
            (i32.and
              (i32.const 0xedb88320)
              (i32.sub (i32.const 0) (i32.and (local.get $crc) (i32.const 1))))))
        (br_if $shift
          (local.tee $bits (i32.sub (local.get $bits) (i32.const 1)))))
      (i32.store
        (i32.add (global.get $tab) (i32.mul (local.get $byte) (i32.const 4)))
        (local.get $crc))
      (br_if $entries
        (i32.ne
          (local.tee $byte (i32.add (local.get $byte) (i32.const 1)))
          (i32.const 256)))))

  ;; A 32-bit finalizer: every input bit affects every output bit.
  (func $scramble (param $z i32) (result i32)
    (local.set $z
      (i32.mul
        (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 16)))
        (i32.const 0x21f0aaad)))
    (local.set $z
      (i32.mul
        (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 15)))
        (i32.const 0x735a2d97)))
    (i32.xor (local.get $z) (i32.shr_u (local.get $z) (i32.const 15))))

  ;; Seed the generator at $self: word k is scramble(seed + (k + 1) * golden),
  ;; golden = 0x9e3779b9, so even seed 0 gives a non-zero state.
  (func (export "seed") (param $self i32) (param $seed i32)
    (i32.store offset=0 (local.get $self)
      (call $scramble
        (local.tee $seed (i32.add (local.get $seed) (i32.const 0x9e3779b9)))))
    (i32.store offset=4 (local.get $self)
      (call $scramble
        (local.tee $seed (i32.add (local.get $seed) (i32.const 0x9e3779b9)))))
    (i32.store offset=8 (local.get $self)
      (call $scramble
        (local.tee $seed (i32.add (local.get $seed) (i32.const 0x9e3779b9)))))
    (i32.store offset=12 (local.get $self)
      (call $scramble
        (local.tee $seed (i32.add (local.get $seed) (i32.const 0x9e3779b9))))))

  ;; One step of xoshiro128**, then out ^= tab[out >>> 24].
  (func $rand (export "rand") (param $self i32) (result i32)
    (local $s0 i32)
    (local $s1 i32)
    (local $s2 i32)
    (local $s3 i32)
    (local $shifted i32)
    (local $out i32)
    (local.set $s0 (i32.load offset=0 (local.get $self)))
    (local.set $s1 (i32.load offset=4 (local.get $self)))
    (local.set $s2 (i32.load offset=8 (local.get $self)))
    (local.set $s3 (i32.load offset=12 (local.get $self)))
    ;; out = rotl(s1 * 5, 7) * 9
    (local.set $out
      (i32.mul
        (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7))
        (i32.const 9)))
    (local.set $shifted (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $shifted)))
    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
    (i32.store offset=0 (local.get $self) (local.get $s0))
    (i32.store offset=4 (local.get $self) (local.get $s1))
    (i32.store offset=8 (local.get $self) (local.get $s2))
    (i32.store offset=12 (local.get $self) (local.get $s3))
    (i32.xor
      (local.get $out)
      (i32.load
        (i32.add
          (global.get $tab)
          (i32.mul (i32.shr_u (local.get $out) (i32.const 24)) (i32.const 4))))))

  ;; Write $len bytes at $out: one `rand` per whole word, then, if $len is not
  ;; a multiple of 4, the low bytes of one more `rand`. Counts down instead of
  ;; comparing against $out + $len, which wraps for a block ending at 4 GiB.
  (func (export "fill") (param $self i32) (param $out i32) (param $len i32)
    (local $words i32)
    (local $last i32)
    (local.set $words (i32.shr_u (local.get $len) (i32.const 2)))
    (local.set $len (i32.and (local.get $len) (i32.const 3)))
    (block $done
      (br_if $done (i32.eqz (local.get $words)))
      (loop $word
        (i32.store (local.get $out) (call $rand (local.get $self)))
        (local.set $out (i32.add (local.get $out) (i32.const 4)))
        (br_if $word
          (local.tee $words (i32.sub (local.get $words) (i32.const 1))))))
    (if (local.get $len)
      (then
        (local.set $last (call $rand (local.get $self)))
        (loop $byte
          (i32.store8 (local.get $out) (local.get $last))
          (local.set $last (i32.shr_u (local.get $last) (i32.const 8)))
          (local.set $out (i32.add (local.get $out) (i32.const 1)))
          (br_if $byte
            (local.tee $len (i32.sub (local.get $len) (i32.const 1)))))))))
