;; A module that would write its banner into the middle of tally.wat's
;; counters (1040 lies in 1024 .. 1056): reserving both is refused.
(module
  (memory (import "env" "mem") 1)
  (data (i32.const 1040) "banner"))
