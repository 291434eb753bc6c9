" ctcheck models (.ct): see docs/language.md.
autocmd BufRead,BufNewFile *.ct setfiletype ctcheck
