// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package contracts

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// ProvenAirdropMetaData contains all meta data concerning the ProvenAirdrop contract.
var ProvenAirdropMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"coprocessor_\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"shapeHash_\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"digest_\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"fromBlock_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"toBlock_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minTransfers_\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"payout_\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"}],\"name\":\"AlreadyPaid\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"OnlyCoprocessor\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"requestId\",\"type\":\"bytes32\"}],\"name\":\"Claimed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"int256\",\"name\":\"transfers\",\"type\":\"int256\"}],\"name\":\"Paid\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"int256\",\"name\":\"transfers\",\"type\":\"int256\"}],\"name\":\"Refused\",\"type\":\"event\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"}],\"name\":\"claim\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"requestId\",\"type\":\"bytes32\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"claimOf\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"coprocessor\",\"outputs\":[{\"internalType\":\"contractICoprocessor\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"digest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"fromBlock\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minTransfers\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"requestId\",\"type\":\"bytes32\"},{\"internalType\":\"int256[]\",\"name\":\"result\",\"type\":\"int256[]\"}],\"name\":\"onProvenResult\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"name\":\"paid\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"wallet\",\"type\":\"address\"}],\"name\":\"paramsFor\",\"outputs\":[{\"internalType\":\"uint256[]\",\"name\":\"p\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"payout\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"shapeHash\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"toBlock\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "ProvenAirdrop",
	Bin: "0x610180601f6109fc38819003918201601f19168301916001600160401b0383118484101761013b5780849261010094604052833981010312610137576100448161014f565b906020810151604082015161005b6060840161014f565b60808401519160a08501519360e060c08701519601519660018060a01b031660805260a05260c05260018060a01b031660e05261010052610120526101405261016052604051610898908161016482396080518181816102ba015281816104190152610684015260a05181818161028201526103b9015260c05181818161033a01526103df015260e05181818160c401526105e70152610100518181816101020152610617015261012051818181610217015261064a01526101405181818161013c01526106f201526101605181818161030001526107300152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffd5b51906001600160a01b03821682036101375756fe6080604052600436101561001a575b3615610018575f80fd5b005b5f3560e01c806314caae96146104fa5780631e83409a1461035d57806352a82b651461032357806363bd1d4a146102e95780637382084a146102a55780638f6a33ea1461026b578063903fafea1461023a5780639700659114610200578063a340cf79146101bf578063b05a3d1f1461015f578063c5d161a514610125578063ed6a6d28146100eb5763fc0c546a0361000e57346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b5f80fd5b346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b346100e75760403660031901126100e75760243567ffffffffffffffff81116100e757366023820112156100e757806004013567ffffffffffffffff81116100e7573660248260051b840101116100e75760246100189201600435610681565b346100e75760203660031901126100e7576004356001600160a01b038116908190036100e7575f526001602052602060ff60405f2054166040519015158152f35b346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b346100e75760203660031901126100e7576004355f525f602052602060018060a01b0360405f205416604051908152f35b346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b346100e7575f3660031901126100e7576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b346100e7575f3660031901126100e75760206040517f00000000000000000000000000000000000000000000000000000000000000008152f35b346100e75760203660031901126100e7576004356001600160a01b038116908181036100e757815f52600160205260ff60405f2054166104e7579060206103a6610414936105ab565b60405180948192630cf685db60e41b83527f000000000000000000000000000000000000000000000000000000000000000060048401527f00000000000000000000000000000000000000000000000000000000000000006024840152606060448401526064830190610542565b03815f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165af19081156104dc575f916104a7575b60209250815f525f835260405f20816bffffffffffffffffffffffff60a01b8254161790557f91d697238e9aa9f3172d17522c9be529b94a892481554e1ea619369b5b12f39a83604051848152a2604051908152f35b90506020823d6020116104d4575b816104c260209383610575565b810103126100e7576020915190610451565b3d91506104b5565b6040513d5f823e3d90fd5b50637a2f418360e11b5f5260045260245ffd5b346100e75760203660031901126100e7576004356001600160a01b03811681036100e75761052a61053e916105ab565b604051918291602083526020830190610542565b0390f35b90602080835192838152019201905f5b81811061055f5750505090565b8251845260209384019390920191600101610552565b90601f8019910116810190811067ffffffffffffffff82111761059757604052565b634e487b7160e01b5f52604160045260245ffd5b906040516105ba60a082610575565b60048152602081016080368237819382511561066d576001600160a01b0316905280516001101561066d577f0000000000000000000000000000000000000000000000000000000000000000604082015280516002101561066d577f0000000000000000000000000000000000000000000000000000000000000000606082015280516003101561066d576080017f00000000000000000000000000000000000000000000000000000000000000009052565b634e487b7160e01b5f52603260045260245ffd5b917f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03163303610853575f9283526020839052604090922080546001600160a01b031981169091556001600160a01b0316918215801561083d575b6108385715908161066d5735917f0000000000000000000000000000000000000000000000000000000000000000831261080857805f52600160205260405f20600160ff198254161790557f00000000000000000000000000000000000000000000000000000000000000009161066d575f809392828294937f85ac0a287c665169e69bc9b544e81fa091da832b403fdbf876abf2d176205ec0604085968151908682526020820152a25af13d15610803573d67ffffffffffffffff811161059757604051906107bd601f8201601f191660200183610575565b81525f60203d92013e5b156107ce57565b60405162461bcd60e51b815260206004820152600d60248201526c1c185e5bdd5d0819985a5b1959609a1b6044820152606490fd5b6107c7565b917fa9173709fe24970fc7ece9f91e79029e3d302b7056312183173745a7247828829150602090604051908152a2565b505050565b50825f52600160205260ff60405f2054166106e3565b6326da150360e11b5f5260045ffdfea264697066735822122030a038ba87654921195ae8d51976246ccb0ae9810995d11d07a37094bf0d7bb264736f6c634300081e0033",
}

// ProvenAirdrop is an auto generated Go binding around an Ethereum contract.
type ProvenAirdrop struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ProvenAirdrop) GetABI() abi.ABI {
	return c.abi
}

// NewProvenAirdrop creates a new instance of ProvenAirdrop.
func NewProvenAirdrop() *ProvenAirdrop {
	parsed, err := ProvenAirdropMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ProvenAirdrop{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ProvenAirdrop) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address coprocessor_, bytes32 shapeHash_, bytes32 digest_, address token_, uint256 fromBlock_, uint256 toBlock_, uint256 minTransfers_, uint256 payout_) payable returns()
func (provenAirdrop *ProvenAirdrop) PackConstructor(coprocessor_ common.Address, shapeHash_ [32]byte, digest_ [32]byte, token_ common.Address, fromBlock_ *big.Int, toBlock_ *big.Int, minTransfers_ *big.Int, payout_ *big.Int) []byte {
	enc, err := provenAirdrop.abi.Pack("", coprocessor_, shapeHash_, digest_, token_, fromBlock_, toBlock_, minTransfers_, payout_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e83409a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claim(address wallet) returns(bytes32 requestId)
func (provenAirdrop *ProvenAirdrop) PackClaim(wallet common.Address) []byte {
	enc, err := provenAirdrop.abi.Pack("claim", wallet)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaim is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1e83409a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claim(address wallet) returns(bytes32 requestId)
func (provenAirdrop *ProvenAirdrop) TryPackClaim(wallet common.Address) ([]byte, error) {
	return provenAirdrop.abi.Pack("claim", wallet)
}

// UnpackClaim is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1e83409a.
//
// Solidity: function claim(address wallet) returns(bytes32 requestId)
func (provenAirdrop *ProvenAirdrop) UnpackClaim(data []byte) ([32]byte, error) {
	out, err := provenAirdrop.abi.Unpack("claim", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackClaimOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x903fafea.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function claimOf(bytes32 ) view returns(address)
func (provenAirdrop *ProvenAirdrop) PackClaimOf(arg0 [32]byte) []byte {
	enc, err := provenAirdrop.abi.Pack("claimOf", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackClaimOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x903fafea.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function claimOf(bytes32 ) view returns(address)
func (provenAirdrop *ProvenAirdrop) TryPackClaimOf(arg0 [32]byte) ([]byte, error) {
	return provenAirdrop.abi.Pack("claimOf", arg0)
}

// UnpackClaimOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x903fafea.
//
// Solidity: function claimOf(bytes32 ) view returns(address)
func (provenAirdrop *ProvenAirdrop) UnpackClaimOf(data []byte) (common.Address, error) {
	out, err := provenAirdrop.abi.Unpack("claimOf", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackCoprocessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7382084a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function coprocessor() view returns(address)
func (provenAirdrop *ProvenAirdrop) PackCoprocessor() []byte {
	enc, err := provenAirdrop.abi.Pack("coprocessor")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCoprocessor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7382084a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function coprocessor() view returns(address)
func (provenAirdrop *ProvenAirdrop) TryPackCoprocessor() ([]byte, error) {
	return provenAirdrop.abi.Pack("coprocessor")
}

// UnpackCoprocessor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7382084a.
//
// Solidity: function coprocessor() view returns(address)
func (provenAirdrop *ProvenAirdrop) UnpackCoprocessor(data []byte) (common.Address, error) {
	out, err := provenAirdrop.abi.Unpack("coprocessor", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x52a82b65.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function digest() view returns(bytes32)
func (provenAirdrop *ProvenAirdrop) PackDigest() []byte {
	enc, err := provenAirdrop.abi.Pack("digest")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x52a82b65.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function digest() view returns(bytes32)
func (provenAirdrop *ProvenAirdrop) TryPackDigest() ([]byte, error) {
	return provenAirdrop.abi.Pack("digest")
}

// UnpackDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x52a82b65.
//
// Solidity: function digest() view returns(bytes32)
func (provenAirdrop *ProvenAirdrop) UnpackDigest(data []byte) ([32]byte, error) {
	out, err := provenAirdrop.abi.Unpack("digest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackFromBlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed6a6d28.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function fromBlock() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) PackFromBlock() []byte {
	enc, err := provenAirdrop.abi.Pack("fromBlock")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackFromBlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xed6a6d28.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function fromBlock() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) TryPackFromBlock() ([]byte, error) {
	return provenAirdrop.abi.Pack("fromBlock")
}

// UnpackFromBlock is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xed6a6d28.
//
// Solidity: function fromBlock() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) UnpackFromBlock(data []byte) (*big.Int, error) {
	out, err := provenAirdrop.abi.Unpack("fromBlock", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMinTransfers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5d161a5.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minTransfers() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) PackMinTransfers() []byte {
	enc, err := provenAirdrop.abi.Pack("minTransfers")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinTransfers is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5d161a5.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minTransfers() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) TryPackMinTransfers() ([]byte, error) {
	return provenAirdrop.abi.Pack("minTransfers")
}

// UnpackMinTransfers is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc5d161a5.
//
// Solidity: function minTransfers() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) UnpackMinTransfers(data []byte) (*big.Int, error) {
	out, err := provenAirdrop.abi.Unpack("minTransfers", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOnProvenResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb05a3d1f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function onProvenResult(bytes32 requestId, int256[] result) returns()
func (provenAirdrop *ProvenAirdrop) PackOnProvenResult(requestId [32]byte, result []*big.Int) []byte {
	enc, err := provenAirdrop.abi.Pack("onProvenResult", requestId, result)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOnProvenResult is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb05a3d1f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function onProvenResult(bytes32 requestId, int256[] result) returns()
func (provenAirdrop *ProvenAirdrop) TryPackOnProvenResult(requestId [32]byte, result []*big.Int) ([]byte, error) {
	return provenAirdrop.abi.Pack("onProvenResult", requestId, result)
}

// PackPaid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa340cf79.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paid(address ) view returns(bool)
func (provenAirdrop *ProvenAirdrop) PackPaid(arg0 common.Address) []byte {
	enc, err := provenAirdrop.abi.Pack("paid", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa340cf79.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paid(address ) view returns(bool)
func (provenAirdrop *ProvenAirdrop) TryPackPaid(arg0 common.Address) ([]byte, error) {
	return provenAirdrop.abi.Pack("paid", arg0)
}

// UnpackPaid is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa340cf79.
//
// Solidity: function paid(address ) view returns(bool)
func (provenAirdrop *ProvenAirdrop) UnpackPaid(data []byte) (bool, error) {
	out, err := provenAirdrop.abi.Unpack("paid", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackParamsFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14caae96.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paramsFor(address wallet) view returns(uint256[] p)
func (provenAirdrop *ProvenAirdrop) PackParamsFor(wallet common.Address) []byte {
	enc, err := provenAirdrop.abi.Pack("paramsFor", wallet)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackParamsFor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x14caae96.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paramsFor(address wallet) view returns(uint256[] p)
func (provenAirdrop *ProvenAirdrop) TryPackParamsFor(wallet common.Address) ([]byte, error) {
	return provenAirdrop.abi.Pack("paramsFor", wallet)
}

// UnpackParamsFor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x14caae96.
//
// Solidity: function paramsFor(address wallet) view returns(uint256[] p)
func (provenAirdrop *ProvenAirdrop) UnpackParamsFor(data []byte) ([]*big.Int, error) {
	out, err := provenAirdrop.abi.Unpack("paramsFor", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// PackPayout is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63bd1d4a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function payout() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) PackPayout() []byte {
	enc, err := provenAirdrop.abi.Pack("payout")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPayout is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63bd1d4a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function payout() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) TryPackPayout() ([]byte, error) {
	return provenAirdrop.abi.Pack("payout")
}

// UnpackPayout is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x63bd1d4a.
//
// Solidity: function payout() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) UnpackPayout(data []byte) (*big.Int, error) {
	out, err := provenAirdrop.abi.Unpack("payout", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackShapeHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f6a33ea.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function shapeHash() view returns(bytes32)
func (provenAirdrop *ProvenAirdrop) PackShapeHash() []byte {
	enc, err := provenAirdrop.abi.Pack("shapeHash")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackShapeHash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8f6a33ea.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function shapeHash() view returns(bytes32)
func (provenAirdrop *ProvenAirdrop) TryPackShapeHash() ([]byte, error) {
	return provenAirdrop.abi.Pack("shapeHash")
}

// UnpackShapeHash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8f6a33ea.
//
// Solidity: function shapeHash() view returns(bytes32)
func (provenAirdrop *ProvenAirdrop) UnpackShapeHash(data []byte) ([32]byte, error) {
	out, err := provenAirdrop.abi.Unpack("shapeHash", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackToBlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97006591.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function toBlock() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) PackToBlock() []byte {
	enc, err := provenAirdrop.abi.Pack("toBlock")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToBlock is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x97006591.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function toBlock() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) TryPackToBlock() ([]byte, error) {
	return provenAirdrop.abi.Pack("toBlock")
}

// UnpackToBlock is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x97006591.
//
// Solidity: function toBlock() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) UnpackToBlock(data []byte) (*big.Int, error) {
	out, err := provenAirdrop.abi.Unpack("toBlock", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) PackToken() []byte {
	enc, err := provenAirdrop.abi.Pack("token")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function token() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) TryPackToken() ([]byte, error) {
	return provenAirdrop.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(uint256)
func (provenAirdrop *ProvenAirdrop) UnpackToken(data []byte) (*big.Int, error) {
	out, err := provenAirdrop.abi.Unpack("token", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// ProvenAirdropClaimed represents a Claimed event raised by the ProvenAirdrop contract.
type ProvenAirdropClaimed struct {
	Wallet    common.Address
	RequestId [32]byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const ProvenAirdropClaimedEventName = "Claimed"

// ContractEventName returns the user-defined event name.
func (ProvenAirdropClaimed) ContractEventName() string {
	return ProvenAirdropClaimedEventName
}

// UnpackClaimedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Claimed(address indexed wallet, bytes32 requestId)
func (provenAirdrop *ProvenAirdrop) UnpackClaimedEvent(log *types.Log) (*ProvenAirdropClaimed, error) {
	event := "Claimed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != provenAirdrop.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProvenAirdropClaimed)
	if len(log.Data) > 0 {
		if err := provenAirdrop.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range provenAirdrop.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ProvenAirdropPaid represents a Paid event raised by the ProvenAirdrop contract.
type ProvenAirdropPaid struct {
	Wallet    common.Address
	Amount    *big.Int
	Transfers *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const ProvenAirdropPaidEventName = "Paid"

// ContractEventName returns the user-defined event name.
func (ProvenAirdropPaid) ContractEventName() string {
	return ProvenAirdropPaidEventName
}

// UnpackPaidEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Paid(address indexed wallet, uint256 amount, int256 transfers)
func (provenAirdrop *ProvenAirdrop) UnpackPaidEvent(log *types.Log) (*ProvenAirdropPaid, error) {
	event := "Paid"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != provenAirdrop.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProvenAirdropPaid)
	if len(log.Data) > 0 {
		if err := provenAirdrop.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range provenAirdrop.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// ProvenAirdropRefused represents a Refused event raised by the ProvenAirdrop contract.
type ProvenAirdropRefused struct {
	Wallet    common.Address
	Transfers *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const ProvenAirdropRefusedEventName = "Refused"

// ContractEventName returns the user-defined event name.
func (ProvenAirdropRefused) ContractEventName() string {
	return ProvenAirdropRefusedEventName
}

// UnpackRefusedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Refused(address indexed wallet, int256 transfers)
func (provenAirdrop *ProvenAirdrop) UnpackRefusedEvent(log *types.Log) (*ProvenAirdropRefused, error) {
	event := "Refused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != provenAirdrop.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProvenAirdropRefused)
	if len(log.Data) > 0 {
		if err := provenAirdrop.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range provenAirdrop.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (provenAirdrop *ProvenAirdrop) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], provenAirdrop.abi.Errors["AlreadyPaid"].ID.Bytes()[:4]) {
		return provenAirdrop.UnpackAlreadyPaidError(raw[4:])
	}
	if bytes.Equal(raw[:4], provenAirdrop.abi.Errors["OnlyCoprocessor"].ID.Bytes()[:4]) {
		return provenAirdrop.UnpackOnlyCoprocessorError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ProvenAirdropAlreadyPaid represents a AlreadyPaid error raised by the ProvenAirdrop contract.
type ProvenAirdropAlreadyPaid struct {
	Wallet common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyPaid(address wallet)
func ProvenAirdropAlreadyPaidErrorID() common.Hash {
	return common.HexToHash("0xf45e8306de218d8d1a43d87e39a7dd24f13e8b7a36f6d05f25fa545d99191d03")
}

// UnpackAlreadyPaidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyPaid(address wallet)
func (provenAirdrop *ProvenAirdrop) UnpackAlreadyPaidError(raw []byte) (*ProvenAirdropAlreadyPaid, error) {
	out := new(ProvenAirdropAlreadyPaid)
	if err := provenAirdrop.abi.UnpackIntoInterface(out, "AlreadyPaid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProvenAirdropOnlyCoprocessor represents a OnlyCoprocessor error raised by the ProvenAirdrop contract.
type ProvenAirdropOnlyCoprocessor struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OnlyCoprocessor()
func ProvenAirdropOnlyCoprocessorErrorID() common.Hash {
	return common.HexToHash("0x4db42a06a031ee810da7816d35ff4543ba823ba80ec9ccd5935c46dcbbed12d1")
}

// UnpackOnlyCoprocessorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OnlyCoprocessor()
func (provenAirdrop *ProvenAirdrop) UnpackOnlyCoprocessorError(raw []byte) (*ProvenAirdropOnlyCoprocessor, error) {
	out := new(ProvenAirdropOnlyCoprocessor)
	if err := provenAirdrop.abi.UnpackIntoInterface(out, "OnlyCoprocessor", raw); err != nil {
		return nil, err
	}
	return out, nil
}
