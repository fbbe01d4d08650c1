module github.com/provensql/provensql/accel/icicle

go 1.26

require (
	github.com/consensys/gnark v0.16.1
	github.com/consensys/gnark-crypto v0.21.0
	github.com/ingonyama-zk/icicle-gnark/v3 v3.2.2
	github.com/provensql/provensql v0.0.0
)

replace github.com/provensql/provensql => ../..
