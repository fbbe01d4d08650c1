// Command provensql is the ProvenSQL command line: prove SQL over committed
// tables and verify the receipts (package cli), on the CPU.
//
//	provensql demo      [--db DIR] [--rows N] [--evm [--rpc URL] [--key HEX]]
//	provensql ingest    --db DIR --table NAME (--csv FILE --schema "col TYPE, ..." | --parquet FILE) [--segment-rows N]
//	provensql query     --db DIR [--out RECEIPT.json] [--json] "SQL" [PARAM ...]
//	provensql verify    RECEIPT.json [--db DIR]
//	provensql bench     [--query Q1] [--rows N,N,...] [--segment-rows N] [--json]
//
// `provensql help` lists every command.
package main

import "github.com/provensql/provensql/cli"

func main() { cli.Main(cli.Accelerator{}) }
