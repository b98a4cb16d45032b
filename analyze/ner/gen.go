package ner

// The gazetteer and the word classes are generated once and committed; see
// README.md for the inputs each generator needs.
//go:generate go run ./internal/gazgen -iso /usr/share/iso-codes/json -npm /tmp/nerdata/node_modules -o data/gazetteer.tsv
//go:generate go run ./internal/wordclass -o data/wordclasses.tsv.gz -text ../../../shared/data/polnear/*/text/*.txt -json ../../../shared/data/extraction/ground-truth.json -conll ../../../shared/data/conll/conllpp_train.txt -dict /usr/share/dict/american-english
