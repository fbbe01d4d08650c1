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

// OneCheckCoprocessorShape is an auto generated low-level Go binding around an user-defined struct.
type OneCheckCoprocessorShape struct {
	Verifier common.Address
	Params   uint16
	Slots    uint32
	TableId  [32]byte
	Kinds    []uint8
}

// OneCheckCoprocessorMetaData contains all meta data concerning the OneCheckCoprocessor contract.
var OneCheckCoprocessorMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractICommitmentRegistry\",\"name\":\"registry_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"AlreadyPosted\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadDigest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"BadShape\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"NoTableDigest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"what\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"NotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotIndexer\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"OutputCount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"ParamCount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ProofRejected\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"slots\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"segments\",\"type\":\"uint256\"}],\"name\":\"TooManySegments\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"UnknownCommitment\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"}],\"name\":\"UnknownShape\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeTable\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitmentTable\",\"type\":\"bytes32\"}],\"name\":\"WrongTable\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previous\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"next\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"tableId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"}],\"name\":\"ShapeRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"low\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"high\",\"type\":\"uint256\"}],\"name\":\"TableDigestPosted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"low\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"high\",\"type\":\"uint256\"}],\"name\":\"postTableDigest\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"tableId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8[]\",\"name\":\"kinds\",\"type\":\"uint8[]\"},{\"internalType\":\"uint16\",\"name\":\"params\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"}],\"name\":\"registerShape\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractICommitmentRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"}],\"name\":\"shape\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"uint16\",\"name\":\"params\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"bytes32\",\"name\":\"tableId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8[]\",\"name\":\"kinds\",\"type\":\"uint8[]\"}],\"internalType\":\"structOneCheckCoprocessor.Shape\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"tableDigests\",\"outputs\":[{\"internalType\":\"uint192\",\"name\":\"low\",\"type\":\"uint192\"},{\"internalType\":\"bool\",\"name\":\"posted\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"high\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"next\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"params\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"outputs\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"verifyQuery\",\"outputs\":[{\"internalType\":\"int256[]\",\"name\":\"result\",\"type\":\"int256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "OneCheckCoprocessor",
	Bin: "0x60a0346100b057601f6118b738819003918201601f19168301916001600160401b038311848410176100b4578084926020946040528339810103126100b057516001600160a01b03811681036100b0576080525f80546001600160a01b031916339081178255604051917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e08180a36117ee90816100c982396080518181816105a10152818161080301526109070152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe6080806040526004361015610012575f80fd5b5f3560e01c9081631ba96afd146110a75750806321d1353414610f9057806370efd024146108325780637b103999146107ee5780638da5cb5b146107c7578063d67e63b21461057e578063e9bd9931146100f65763f2fde38b14610074575f80fd5b346100f25760203660031901126100f2576004356001600160a01b038116908190036100f2575f546001600160a01b038116338190036100e35782907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e05f80a36001600160a01b031916175f55005b6330cd747160e01b5f5260045ffd5b5f80fd5b346100f25760c03660031901126100f2576024356004356001600160a01b0382168083036100f257604435926064356001600160401b0381116100f2576101419036906004016110f0565b60849591953561ffff811681036100f25760a43563ffffffff8116948582036100f2575f546001600160a01b031633036100e3573b15610545578215801561051a575b6104d4575f5b88848083106103cd57505050841561039c57865f52600260205260405f2092866bffffffffffffffffffffffff60a01b85541617845584600185015560028401986001600160401b03821161038857680100000000000000008211610388578954828b55808310610331575b50985f5260205f208160051c915f5b8381106102fb5750601f198116900380610284575b855465ffffffffffff60a01b191660a086901b61ffff60a01b161760b085901b63ffffffff60b01b16178655604080518a8152602081018990529081018990528a907f48c1a04e97a1646f697be85d7172aca12b308ece36f063a07acd9ae9953253ff90606090a2005b995f9a5f5b8181106102c6575050500197909755949586959060607f48c1a04e97a1646f697be85d7172aca12b308ece36f063a07acd9ae9953253ff8a61021a565b90919b60206102f16001928f6102dc8691611772565b919060ff809160031b9316831b921b19161790565b9d01929101610289565b5f5f5b60208110610313575083820155600101610205565b9c9060206103288f926001936102dc86611772565b92019d016102fe565b8a5f5260205f20601f80850160051c8201920160051c0190601f84168061036d575b505b81811061036257506101f6565b5f8155600101610355565b5f198201908154905f199060200360031b1c1690558c610353565b634e487b7160e01b5f52604160045260245ffd5b604051630aeff59f60e01b81526020600482015260086024820152676e6f20736c6f747360c01b6044820152606490fd5b6103e46103df8460ff93600595611747565b611772565b161161049f57600460ff6103fc6103df84888e611747565b16146001820180831161048b5785811090868c8361046d575b5050501515036104275760010161018a565b604051630aeff59f60e01b815260206004820152601960248201527f612055494e543235362065787472656d652773206c696d6273000000000000006044820152606490fd5b6005935060ff92610481926103df92611747565b16148b868c610415565b634e487b7160e01b5f52601160045260245ffd5b604051630aeff59f60e01b815260206004820152600c60248201526b1c185c9d1a585b081ada5b9960a21b6044820152606490fd5b604051630aeff59f60e01b815260206004820152601960248201527f74686520636f756e74206d75737420636f6d65206669727374000000000000006044820152606490fd5b6105315760ff61052989611772565b161515610184565b634e487b7160e01b5f52603260045260245ffd5b604051630aeff59f60e01b815260206004820152601060248201526f6e6f20766572696669657220636f646560801b6044820152606490fd5b346100f25760603660031901126100f25760043560243560443560018060a01b037f0000000000000000000000000000000000000000000000000000000000000000166040516316367a7160e11b8152336004820152602081602481855afa90811561076e575f9161078c575b5015610779576060602491604051928380926314f3180760e11b82528860048301525afa801561076e576001600160401b03915f9161073c575b50161561072957825f52600160205260ff60405f205460c01c16610716576001600160c01b038211801561070a575b6106fb576040519160608301918383106001600160401b03841117610388577f72138bf1de8201399a6fde9becc00982ce5675b9d357e9321a0115512cbf002293604093845260018060c01b038316815260016020820181815285830190848252885f5282602052865f2093838060c01b0390511684549160ff60c01b9051151560c01b169166ffffffffffffff60c81b16171783555191015582519182526020820152a2005b631e88da2b60e21b5f5260045ffd5b508060b91c1515610654565b82630838d09f60e31b5f5260045260245ffd5b82630fcffcff60e21b5f5260045260245ffd5b61075e915060603d606011610767575b610756818361113b565b81019061171e565b50905085610625565b503d61074c565b6040513d5f823e3d90fd5b630b4821c760e31b5f523360045260245ffd5b90506020813d6020116107bf575b816107a76020938361113b565b810103126100f2575180151581036100f257856105eb565b3d915061079a565b346100f2575f3660031901126100f2575f546040516001600160a01b039091168152602090f35b346100f2575f3660031901126100f2576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b346100f25760a03660031901126100f2576004356024356044356001600160401b0381116100f2576108689036906004016110f0565b926064356001600160401b0381116100f2576108889036906004016110f0565b90916084356001600160401b0381116100f257366023820112156100f2578060040135916001600160401b0383116100f25736602484840101116100f2575f8181526002602052604090208054976001600160a01b038916929091908315610f7e57506040516314f3180760e11b8152600481018390526060816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa90811561076e575f905f905f93610f53575b506001600160401b031615610f40576001830154808203610f2b5750506001600160401b031660b08a901c63ffffffff16808211610f16575050815f52600160205260405f209889549260ff8460c01c1615610f04575060a01c61ffff16808b03610eed575060026109b5910161115c565b985f97885b8b80518b1015610a1e5760019160ff6109d68d6109f49461178d565b5116600281148015610a14575b156109fc575060ff835b1690611780565b9901986109ba565b600503610a0b5760ff5f6109ed565b60ff60026109ed565b50600381146109e3565b99508a90808903610ed6575091889188935f5b838110610e5b57505f9493602096610a6294610a68610a8695600160409601549286519889968d88019b8c91611757565b91611757565b6001600160c01b03909216825288820152038087018452018261113b565b604051918291518091835e8101838152039060025afa1561076e575f926024610b13608486957f30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f000000187510694806040519586936020850198632363e29760e21b8a5260408387015260448601528260648601520184840137810187838201520301601f19810183528261113b565b51915afa3d15610e56573d6001600160401b0381116103885760405190610b44601f8201601f19166020018361113b565b81525f60203d92013e5b15610e475782519192610b79610b63846117a1565b93610b71604051958661113b565b8085526117a1565b602084019490601f19013686375f905f935b60028510610bd7578686604051918291602083019060208452518091526040830191905f5b818110610bbe575050500390f35b8251845285945060209384019390920191600101610bb0565b9091929394955f9060018714915b8651811015610e3657600260ff610bfc838a61178d565b51161083811503610cb857600560ff610c15848b61178d565b511614610cb857600460ff610c2a848b61178d565b511614610dbf57610cf257855f19811461048b576001610c4d9101968587611747565b35600360ff610c5c848b61178d565b511603610cc1578015610cb8575f19810190811161048b57905b7ff6aa4d50b2e9ad54cfa5d970d1e427ff532ac48097ffffff7af7400000000000820191821360011661048b57600191610cb0828c61178d565b525b01610be5565b50600190610cb2565b907f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a118000000000018210610c765760019150610cb2565b946001810180821161048b577f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a118000000000018091610d31600160c01b91888a611747565b3509610d3e838789611747565b359008906002810180911161048b57957f0955b2af4d1652ab305a268f2e1bd800acd53b7f680000008508c00000000000821115610db7577fed549aa165d35aa99f4bb2e1a3c84ffea65589012ffffffef5ee7fffffffffff820191821360011661048b576001915b610db1828c61178d565b52610cb2565b600191610da7565b50946001810180821161048b57610dda610df0918688611747565b3560c01b610de9838789611747565b3590611780565b906002810180911161048b57956fffffffffffffffffffffffffffffffff8216610e1a828c61178d565b526001810180821161048b57610db160019360801c918c61178d565b509695600101949392919050610b8b565b63c3b0d8cd60e01b5f5260045ffd5b610b4e565b9193509193507f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001610e8d828686611747565b351015610ea257600101918893918a93610a31565b6084906040519063246ef49b60e21b8252604060048301526005604483015264706172616d60d81b60648301526024820152fd5b8890639d7d3c1960e01b5f5260045260245260445ffd5b8a90630e8a487960e41b5f5260045260245260445ffd5b63db9d147d60e01b5f5260045260245ffd5b6321a0c5c360e11b5f5260045260245260445ffd5b6315b3422b60e21b5f5260045260245260445ffd5b83630fcffcff60e21b5f5260045260245ffd5b90506001600160401b039250610f78915060603d60601161076757610756818361113b565b92610943565b630edf9f8f60e21b5f5260045260245ffd5b346100f25760203660031901126100f25760606080604051610fb181611120565b5f81525f60208201525f60408201525f8382015201526004355f52600260205261ffff60405f20604051610fe481611120565b815460018060a01b03811682526020820192848260a01c16845263ffffffff604084019260b01c16825263ffffffff61102b6002600184015493606087019485520161115c565b92608085019384526040519687966020885260c088019660018060a01b0390511660208901525116604087015251166060850152516080840152519060a0808401528151809152602060e084019201905f5b81811061108b575050500390f35b825160ff1684528594506020938401939092019160010161107d565b346100f25760203660031901126100f2576060906004355f52600160205260405f2060ff600182549201549160018060c01b038116845260c01c16151560208301526040820152f35b9181601f840112156100f2578235916001600160401b0383116100f2576020808501948460051b0101116100f257565b60a081019081106001600160401b0382111761038857604052565b90601f801991011681019081106001600160401b0382111761038857604052565b90604051918281549182825260208201905f5260205f20925f905b80601f8301106115625761128d94549181811061154e575b818110611537575b818110611520575b818110611509575b8181106114f3575b8181106114dc575b8181106114c5575b8181106114ae575b818110611497575b818110611480575b818110611469575b818110611452575b81811061143b575b818110611424575b81811061140d575b8181106113f6575b8181106113df575b8181106113c8575b8181106113b1575b81811061139a575b818110611383575b81811061136c575b818110611355575b81811061133e575b818110611327575b818110611310575b8181106112f9575b8181106112e2575b8181106112cb575b8181106112b4575b81811061129d575b1061128f575b50038361113b565b565b60f81c81526020015f611285565b92602060019160ff8560f01c16815201930161127f565b92602060019160ff8560e81c168152019301611277565b92602060019160ff8560e01c16815201930161126f565b92602060019160ff8560d81c168152019301611267565b92602060019160ff8560d01c16815201930161125f565b92602060019160ff8560c81c168152019301611257565b92602060019160ff8560c01c16815201930161124f565b92602060019160ff8560b81c168152019301611247565b92602060019160ff8560b01c16815201930161123f565b92602060019160ff8560a81c168152019301611237565b92602060019160ff8560a01c16815201930161122f565b92602060019160ff8560981c168152019301611227565b92602060019160ff8560901c16815201930161121f565b92602060019160ff8560881c168152019301611217565b92602060019160ff8560801c16815201930161120f565b92602060019160ff8560781c168152019301611207565b92602060019160ff8560701c1681520193016111ff565b92602060019160ff8560681c1681520193016111f7565b92602060019160ff8560601c1681520193016111ef565b92602060019160ff8560581c1681520193016111e7565b92602060019160ff8560501c1681520193016111df565b92602060019160ff8560481c1681520193016111d7565b92602060019160ff8560401c1681520193016111cf565b92602060019160ff8560381c1681520193016111c7565b92602060019160ff8560301c1681520193016111bf565b92602060019160ff8560281c1681520193016111b7565b92602060019160ff85831c1681520193016111af565b92602060019160ff8560181c1681520193016111a7565b92602060019160ff8560101c16815201930161119f565b92602060019160ff8560081c168152019301611197565b92602060019160ff8516815201930161118f565b916020919350610400600191865460ff8116825260ff8160081c168583015260ff8160101c16604083015260ff8160181c16606083015260ff81861c16608083015260ff8160281c1660a083015260ff8160301c1660c083015260ff8160381c1660e083015260ff8160401c1661010083015260ff8160481c1661012083015260ff8160501c1661014083015260ff8160581c1661016083015260ff8160601c1661018083015260ff8160681c166101a083015260ff8160701c166101c083015260ff8160781c166101e083015260ff8160801c1661020083015260ff8160881c1661022083015260ff8160901c1661024083015260ff8160981c1661026083015260ff8160a01c1661028083015260ff8160a81c166102a083015260ff8160b01c166102c083015260ff8160b81c166102e083015260ff8160c01c1661030083015260ff8160c81c1661032083015260ff8160d01c1661034083015260ff8160d81c1661036083015260ff8160e01c1661038083015260ff8160e81c166103a083015260ff8160f01c166103c083015260f81c6103e0820152019401920185929391611177565b51906001600160401b03821682036100f257565b908160609103126100f257805191611744604061173d6020850161170a565b930161170a565b90565b91908110156105315760051b0190565b91906001600160fb1b0381116100f25760051b809282370190565b3560ff811681036100f25790565b9190820180921161048b57565b80518210156105315760209160051b010190565b6001600160401b0381116103885760051b6020019056fea2646970667358221220a0183c64342e52fc0136644cb25f4207006f74842029afd15bc84f8f2ab7d8f464736f6c634300081e0033",
}

// OneCheckCoprocessor is an auto generated Go binding around an Ethereum contract.
type OneCheckCoprocessor struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *OneCheckCoprocessor) GetABI() abi.ABI {
	return c.abi
}

// NewOneCheckCoprocessor creates a new instance of OneCheckCoprocessor.
func NewOneCheckCoprocessor() *OneCheckCoprocessor {
	parsed, err := OneCheckCoprocessorMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &OneCheckCoprocessor{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *OneCheckCoprocessor) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address registry_) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) PackConstructor(registry_ common.Address) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("", registry_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (oneCheckCoprocessor *OneCheckCoprocessor) PackOwner() []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackOwner() ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackOwner(data []byte) (common.Address, error) {
	out, err := oneCheckCoprocessor.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPostTableDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd67e63b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function postTableDigest(bytes32 commitment, uint256 low, uint256 high) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) PackPostTableDigest(commitment [32]byte, low *big.Int, high *big.Int) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("postTableDigest", commitment, low, high)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPostTableDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd67e63b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function postTableDigest(bytes32 commitment, uint256 low, uint256 high) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackPostTableDigest(commitment [32]byte, low *big.Int, high *big.Int) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("postTableDigest", commitment, low, high)
}

// PackRegisterShape is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9bd9931.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerShape(bytes32 shapeHash, address verifier, bytes32 tableId, uint8[] kinds, uint16 params, uint32 slots) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) PackRegisterShape(shapeHash [32]byte, verifier common.Address, tableId [32]byte, kinds []uint8, params uint16, slots uint32) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("registerShape", shapeHash, verifier, tableId, kinds, params, slots)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterShape is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe9bd9931.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerShape(bytes32 shapeHash, address verifier, bytes32 tableId, uint8[] kinds, uint16 params, uint32 slots) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackRegisterShape(shapeHash [32]byte, verifier common.Address, tableId [32]byte, kinds []uint8, params uint16, slots uint32) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("registerShape", shapeHash, verifier, tableId, kinds, params, slots)
}

// PackRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b103999.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registry() view returns(address)
func (oneCheckCoprocessor *OneCheckCoprocessor) PackRegistry() []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("registry")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b103999.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registry() view returns(address)
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackRegistry() ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("registry")
}

// UnpackRegistry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackRegistry(data []byte) (common.Address, error) {
	out, err := oneCheckCoprocessor.abi.Unpack("registry", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackShape is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21d13534.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function shape(bytes32 shapeHash) view returns((address,uint16,uint32,bytes32,uint8[]))
func (oneCheckCoprocessor *OneCheckCoprocessor) PackShape(shapeHash [32]byte) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("shape", shapeHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackShape is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x21d13534.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function shape(bytes32 shapeHash) view returns((address,uint16,uint32,bytes32,uint8[]))
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackShape(shapeHash [32]byte) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("shape", shapeHash)
}

// UnpackShape is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x21d13534.
//
// Solidity: function shape(bytes32 shapeHash) view returns((address,uint16,uint32,bytes32,uint8[]))
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackShape(data []byte) (OneCheckCoprocessorShape, error) {
	out, err := oneCheckCoprocessor.abi.Unpack("shape", data)
	if err != nil {
		return *new(OneCheckCoprocessorShape), err
	}
	out0 := *abi.ConvertType(out[0], new(OneCheckCoprocessorShape)).(*OneCheckCoprocessorShape)
	return out0, nil
}

// PackTableDigests is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ba96afd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tableDigests(bytes32 ) view returns(uint192 low, bool posted, uint256 high)
func (oneCheckCoprocessor *OneCheckCoprocessor) PackTableDigests(arg0 [32]byte) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("tableDigests", arg0)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTableDigests is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1ba96afd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tableDigests(bytes32 ) view returns(uint192 low, bool posted, uint256 high)
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackTableDigests(arg0 [32]byte) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("tableDigests", arg0)
}

// TableDigestsOutput serves as a container for the return parameters of contract
// method TableDigests.
type TableDigestsOutput struct {
	Low    *big.Int
	Posted bool
	High   *big.Int
}

// UnpackTableDigests is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1ba96afd.
//
// Solidity: function tableDigests(bytes32 ) view returns(uint192 low, bool posted, uint256 high)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackTableDigests(data []byte) (TableDigestsOutput, error) {
	out, err := oneCheckCoprocessor.abi.Unpack("tableDigests", data)
	outstruct := new(TableDigestsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Low = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.Posted = *abi.ConvertType(out[1], new(bool)).(*bool)
	outstruct.High = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address next) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) PackTransferOwnership(next common.Address) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("transferOwnership", next)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address next) returns()
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackTransferOwnership(next common.Address) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("transferOwnership", next)
}

// PackVerifyQuery is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70efd024.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyQuery(bytes32 shapeHash, bytes32 commitment, uint256[] params, uint256[] outputs, bytes proof) view returns(int256[] result)
func (oneCheckCoprocessor *OneCheckCoprocessor) PackVerifyQuery(shapeHash [32]byte, commitment [32]byte, params []*big.Int, outputs []*big.Int, proof []byte) []byte {
	enc, err := oneCheckCoprocessor.abi.Pack("verifyQuery", shapeHash, commitment, params, outputs, proof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyQuery is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70efd024.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyQuery(bytes32 shapeHash, bytes32 commitment, uint256[] params, uint256[] outputs, bytes proof) view returns(int256[] result)
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackVerifyQuery(shapeHash [32]byte, commitment [32]byte, params []*big.Int, outputs []*big.Int, proof []byte) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("verifyQuery", shapeHash, commitment, params, outputs, proof)
}

// UnpackVerifyQuery is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70efd024.
//
// Solidity: function verifyQuery(bytes32 shapeHash, bytes32 commitment, uint256[] params, uint256[] outputs, bytes proof) view returns(int256[] result)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackVerifyQuery(data []byte) ([]*big.Int, error) {
	out, err := oneCheckCoprocessor.abi.Unpack("verifyQuery", data)
	if err != nil {
		return *new([]*big.Int), err
	}
	out0 := *abi.ConvertType(out[0], new([]*big.Int)).(*[]*big.Int)
	return out0, nil
}

// OneCheckCoprocessorOwnershipTransferred represents a OwnershipTransferred event raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorOwnershipTransferred struct {
	Previous common.Address
	Next     common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const OneCheckCoprocessorOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (OneCheckCoprocessorOwnershipTransferred) ContractEventName() string {
	return OneCheckCoprocessorOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previous, address indexed next)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackOwnershipTransferredEvent(log *types.Log) (*OneCheckCoprocessorOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != oneCheckCoprocessor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(OneCheckCoprocessorOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range oneCheckCoprocessor.abi.Events[event].Inputs {
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

// OneCheckCoprocessorShapeRegistered represents a ShapeRegistered event raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorShapeRegistered struct {
	ShapeHash [32]byte
	Verifier  common.Address
	TableId   [32]byte
	Slots     uint32
	Raw       *types.Log // Blockchain specific contextual infos
}

const OneCheckCoprocessorShapeRegisteredEventName = "ShapeRegistered"

// ContractEventName returns the user-defined event name.
func (OneCheckCoprocessorShapeRegistered) ContractEventName() string {
	return OneCheckCoprocessorShapeRegisteredEventName
}

// UnpackShapeRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ShapeRegistered(bytes32 indexed shapeHash, address verifier, bytes32 tableId, uint32 slots)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackShapeRegisteredEvent(log *types.Log) (*OneCheckCoprocessorShapeRegistered, error) {
	event := "ShapeRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != oneCheckCoprocessor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(OneCheckCoprocessorShapeRegistered)
	if len(log.Data) > 0 {
		if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range oneCheckCoprocessor.abi.Events[event].Inputs {
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

// OneCheckCoprocessorTableDigestPosted represents a TableDigestPosted event raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorTableDigestPosted struct {
	Commitment [32]byte
	Low        *big.Int
	High       *big.Int
	Raw        *types.Log // Blockchain specific contextual infos
}

const OneCheckCoprocessorTableDigestPostedEventName = "TableDigestPosted"

// ContractEventName returns the user-defined event name.
func (OneCheckCoprocessorTableDigestPosted) ContractEventName() string {
	return OneCheckCoprocessorTableDigestPostedEventName
}

// UnpackTableDigestPostedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TableDigestPosted(bytes32 indexed commitment, uint256 low, uint256 high)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackTableDigestPostedEvent(log *types.Log) (*OneCheckCoprocessorTableDigestPosted, error) {
	event := "TableDigestPosted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != oneCheckCoprocessor.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(OneCheckCoprocessorTableDigestPosted)
	if len(log.Data) > 0 {
		if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range oneCheckCoprocessor.abi.Events[event].Inputs {
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
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["AlreadyPosted"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackAlreadyPostedError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["BadDigest"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackBadDigestError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["BadShape"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackBadShapeError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["NoTableDigest"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackNoTableDigestError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["NotInField"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackNotInFieldError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["NotIndexer"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackNotIndexerError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["OutputCount"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackOutputCountError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["ParamCount"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackParamCountError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["ProofRejected"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackProofRejectedError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["TooManySegments"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackTooManySegmentsError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["UnknownCommitment"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackUnknownCommitmentError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["UnknownShape"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackUnknownShapeError(raw[4:])
	}
	if bytes.Equal(raw[:4], oneCheckCoprocessor.abi.Errors["WrongTable"].ID.Bytes()[:4]) {
		return oneCheckCoprocessor.UnpackWrongTableError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// OneCheckCoprocessorAlreadyPosted represents a AlreadyPosted error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorAlreadyPosted struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyPosted(bytes32 digest)
func OneCheckCoprocessorAlreadyPostedErrorID() common.Hash {
	return common.HexToHash("0x41c684f8fdb8555fe45a04071553c238ee115bcf7d87617788afa0a256139c79")
}

// UnpackAlreadyPostedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyPosted(bytes32 digest)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackAlreadyPostedError(raw []byte) (*OneCheckCoprocessorAlreadyPosted, error) {
	out := new(OneCheckCoprocessorAlreadyPosted)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "AlreadyPosted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorBadDigest represents a BadDigest error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorBadDigest struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadDigest()
func OneCheckCoprocessorBadDigestErrorID() common.Hash {
	return common.HexToHash("0x7a2368ace10cecd74e7cea2168fc72b9f247ff95244a3eef09165857aea5bb3f")
}

// UnpackBadDigestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadDigest()
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackBadDigestError(raw []byte) (*OneCheckCoprocessorBadDigest, error) {
	out := new(OneCheckCoprocessorBadDigest)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "BadDigest", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorBadShape represents a BadShape error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorBadShape struct {
	Reason string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadShape(string reason)
func OneCheckCoprocessorBadShapeErrorID() common.Hash {
	return common.HexToHash("0x0aeff59f7dc624ffbbfd639b0c4fdeee2578919d947d1e413f3e0d2ec2359eab")
}

// UnpackBadShapeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadShape(string reason)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackBadShapeError(raw []byte) (*OneCheckCoprocessorBadShape, error) {
	out := new(OneCheckCoprocessorBadShape)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "BadShape", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorNoTableDigest represents a NoTableDigest error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorNoTableDigest struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoTableDigest(bytes32 digest)
func OneCheckCoprocessorNoTableDigestErrorID() common.Hash {
	return common.HexToHash("0xdb9d147d421fd45a89b0f494a04ac01f8dc92e78d1d27f7701c21763357a6f92")
}

// UnpackNoTableDigestError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoTableDigest(bytes32 digest)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackNoTableDigestError(raw []byte) (*OneCheckCoprocessorNoTableDigest, error) {
	out := new(OneCheckCoprocessorNoTableDigest)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "NoTableDigest", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorNotInField represents a NotInField error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorNotInField struct {
	What  string
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotInField(string what, uint256 index)
func OneCheckCoprocessorNotInFieldErrorID() common.Hash {
	return common.HexToHash("0x91bbd26c27ee78c148e6e3c4dc811014f50a36ff8ac4c9e68c846fe22d2a317f")
}

// UnpackNotInFieldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotInField(string what, uint256 index)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackNotInFieldError(raw []byte) (*OneCheckCoprocessorNotInField, error) {
	out := new(OneCheckCoprocessorNotInField)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "NotInField", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorNotIndexer represents a NotIndexer error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorNotIndexer struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotIndexer(address caller)
func OneCheckCoprocessorNotIndexerErrorID() common.Hash {
	return common.HexToHash("0x5a410e386b24b959bc51d58c87bf11b6dd5768fc93763e53720df19d8af15a61")
}

// UnpackNotIndexerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotIndexer(address caller)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackNotIndexerError(raw []byte) (*OneCheckCoprocessorNotIndexer, error) {
	out := new(OneCheckCoprocessorNotIndexer)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "NotIndexer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorNotOwner represents a NotOwner error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorNotOwner struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner()
func OneCheckCoprocessorNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x30cd74712f59d478562d48e2d35de830db72c60a63dd08ae59199eec990b5bc4")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner()
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackNotOwnerError(raw []byte) (*OneCheckCoprocessorNotOwner, error) {
	out := new(OneCheckCoprocessorNotOwner)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorOutputCount represents a OutputCount error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorOutputCount struct {
	Want *big.Int
	Got  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OutputCount(uint256 want, uint256 got)
func OneCheckCoprocessorOutputCountErrorID() common.Hash {
	return common.HexToHash("0x9d7d3c199d124870f13bf184222e8f2a454cd77e29d8ad8eb30fd934da99fab2")
}

// UnpackOutputCountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OutputCount(uint256 want, uint256 got)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackOutputCountError(raw []byte) (*OneCheckCoprocessorOutputCount, error) {
	out := new(OneCheckCoprocessorOutputCount)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "OutputCount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorParamCount represents a ParamCount error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorParamCount struct {
	Want *big.Int
	Got  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ParamCount(uint256 want, uint256 got)
func OneCheckCoprocessorParamCountErrorID() common.Hash {
	return common.HexToHash("0xe8a48790754f10bf7efa9ddac3f6fb023be6b5325a89db70d2f4b259abca1d69")
}

// UnpackParamCountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ParamCount(uint256 want, uint256 got)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackParamCountError(raw []byte) (*OneCheckCoprocessorParamCount, error) {
	out := new(OneCheckCoprocessorParamCount)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "ParamCount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorProofRejected represents a ProofRejected error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorProofRejected struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofRejected()
func OneCheckCoprocessorProofRejectedErrorID() common.Hash {
	return common.HexToHash("0xc3b0d8cd541865f9b30efc779f8c07d9e8020f803988cd1623277e97b27f74d7")
}

// UnpackProofRejectedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofRejected()
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackProofRejectedError(raw []byte) (*OneCheckCoprocessorProofRejected, error) {
	out := new(OneCheckCoprocessorProofRejected)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "ProofRejected", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorTooManySegments represents a TooManySegments error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorTooManySegments struct {
	Slots    *big.Int
	Segments *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TooManySegments(uint256 slots, uint256 segments)
func OneCheckCoprocessorTooManySegmentsErrorID() common.Hash {
	return common.HexToHash("0x43418b862326f71e6bdb313e1d184dc8ddeeed492c3b59c03c58a11755130063")
}

// UnpackTooManySegmentsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TooManySegments(uint256 slots, uint256 segments)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackTooManySegmentsError(raw []byte) (*OneCheckCoprocessorTooManySegments, error) {
	out := new(OneCheckCoprocessorTooManySegments)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "TooManySegments", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorUnknownCommitment represents a UnknownCommitment error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorUnknownCommitment struct {
	Digest [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownCommitment(bytes32 digest)
func OneCheckCoprocessorUnknownCommitmentErrorID() common.Hash {
	return common.HexToHash("0x3f3ff3fce0a88e75f46b6412b76abfc6938b8ce21562ec2d541ab026ecccfa99")
}

// UnpackUnknownCommitmentError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownCommitment(bytes32 digest)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackUnknownCommitmentError(raw []byte) (*OneCheckCoprocessorUnknownCommitment, error) {
	out := new(OneCheckCoprocessorUnknownCommitment)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "UnknownCommitment", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorUnknownShape represents a UnknownShape error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorUnknownShape struct {
	ShapeHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownShape(bytes32 shapeHash)
func OneCheckCoprocessorUnknownShapeErrorID() common.Hash {
	return common.HexToHash("0x3b7e7e3c2715133b20d5ceae6b1fe1bfbfe4735280617e5f0b37a1abb2dbd13e")
}

// UnpackUnknownShapeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownShape(bytes32 shapeHash)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackUnknownShapeError(raw []byte) (*OneCheckCoprocessorUnknownShape, error) {
	out := new(OneCheckCoprocessorUnknownShape)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "UnknownShape", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// OneCheckCoprocessorWrongTable represents a WrongTable error raised by the OneCheckCoprocessor contract.
type OneCheckCoprocessorWrongTable struct {
	ShapeTable      [32]byte
	CommitmentTable [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongTable(bytes32 shapeTable, bytes32 commitmentTable)
func OneCheckCoprocessorWrongTableErrorID() common.Hash {
	return common.HexToHash("0x56cd08acb4e7dd8d2c46d1c9f632b51181a6fefcd4ff48f61ed70f8ba02f9923")
}

// UnpackWrongTableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongTable(bytes32 shapeTable, bytes32 commitmentTable)
func (oneCheckCoprocessor *OneCheckCoprocessor) UnpackWrongTableError(raw []byte) (*OneCheckCoprocessorWrongTable, error) {
	out := new(OneCheckCoprocessorWrongTable)
	if err := oneCheckCoprocessor.abi.UnpackIntoInterface(out, "WrongTable", raw); err != nil {
		return nil, err
	}
	return out, nil
}
