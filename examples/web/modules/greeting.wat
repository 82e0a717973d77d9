;; A guest with a data segment: each instantiation writes a greeting at a
;; fixed address of the shared memory. The page reserves those bytes before
;; the first instantiation, so no block is ever placed over them.
(module
  (memory (import "env" "mem") 1)
  (data (i32.const 1024) "hello from a data segment")
  (func (export "address") (result i32) (i32.const 1024))
  (func (export "length") (result i32) (i32.const 25)))
