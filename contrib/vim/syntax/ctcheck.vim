" Vim syntax file
" Language:    ctcheck modelling language (.ct files, docs/language.md)
" Install:     cmake --install puts it in share/vim/vimfiles/syntax/ (Debian's
"              vim reads it); or copy syntax/ and ftdetect/ to ~/.vim/.
if exists("b:current_syntax")
  finish
endif

syn keyword ctcheckStorage     global percpu pertask const enum override noinstr instrumentable
syn keyword ctcheckType        void bool int long char signed unsigned atomic_t range
syn match   ctcheckType        "\<[su]\d\{1,2}\>"
syn keyword ctcheckStatement   return break continue goto
syn keyword ctcheckConditional if else
syn keyword ctcheckRepeat      while do
syn keyword ctcheckKeyword     atomic bound nest at on requires abstract relative modulo
syn keyword ctcheckSystem      cpus task irq nmi exception user kernel cpu
syn keyword ctcheckInclude     import
syn keyword ctcheckProperty    assert assume invariant lemma
syn keyword ctcheckExpect      expect violated holds proved
syn keyword ctcheckConstant    true false any
syn keyword ctcheckBuiltin     local_irq_disable local_irq_enable local_irq_save local_irq_restore irqs_disabled
syn keyword ctcheckBuiltin     user_mode regs_irqs_enabled in_user_mode in_handler syscall_insn sysret_to_user
syn keyword ctcheckBuiltin     user_code may_fault smp_processor_id per_cpu nondet_bool nondet_int smp_mb smp_mb__before_atomic smp_mb__after_atomic barrier old
syn keyword ctcheckBuiltin     instrumentation_begin instrumentation_end cost
syn match   ctcheckNumber      "\<\d\+[uUlL]*\>"
syn match   ctcheckNumber      "\<0[xX]\x\+[uUlL]*\>"
syn region  ctcheckString      start=+"+ skip=+\\\\\|\\"+ end=+"+ oneline
syn keyword ctcheckTodo        contained TODO FIXME XXX NOTE
syn region  ctcheckComment     start="/\*" end="\*/" contains=ctcheckTodo
syn match   ctcheckComment     "//.*$" contains=ctcheckTodo
" The property name after assert/invariant/lemma/expect.
syn match   ctcheckPropName    "\%(\<\%(assert\|invariant\|lemma\|expect\)\s\+\)\@<=\h\w*"

hi def link ctcheckStorage     StorageClass
hi def link ctcheckType        Type
hi def link ctcheckStatement   Statement
hi def link ctcheckConditional Conditional
hi def link ctcheckRepeat      Repeat
hi def link ctcheckKeyword     Keyword
hi def link ctcheckSystem      Keyword
hi def link ctcheckInclude     Include
hi def link ctcheckProperty    Exception
hi def link ctcheckExpect      PreProc
hi def link ctcheckConstant    Constant
hi def link ctcheckBuiltin     Function
hi def link ctcheckNumber      Number
hi def link ctcheckString      String
hi def link ctcheckComment     Comment
hi def link ctcheckTodo        Todo
hi def link ctcheckPropName    Identifier

let b:current_syntax = "ctcheck"
