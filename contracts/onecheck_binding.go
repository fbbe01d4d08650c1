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
	Selector [4]byte
	TableId  [32]byte
	Kinds    []uint8
}

// OneCheckCoprocessorMetaData contains all meta data concerning the OneCheckCoprocessor contract.
var OneCheckCoprocessorMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractICommitmentRegistry\",\"name\":\"registry_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"AlreadyPosted\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadDigest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"reason\",\"type\":\"string\"}],\"name\":\"BadShape\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"NoTableDigest\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"what\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"NotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotIndexer\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"OutputCount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"want\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"got\",\"type\":\"uint256\"}],\"name\":\"ParamCount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ProofRejected\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"slots\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"segments\",\"type\":\"uint256\"}],\"name\":\"TooManySegments\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"UnknownCommitment\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"}],\"name\":\"UnknownShape\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeTable\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitmentTable\",\"type\":\"bytes32\"}],\"name\":\"WrongTable\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previous\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"next\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"tableId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"}],\"name\":\"ShapeRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"low\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"high\",\"type\":\"uint256\"}],\"name\":\"TableDigestPosted\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"low\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"high\",\"type\":\"uint256\"}],\"name\":\"postTableDigest\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"tableId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8[]\",\"name\":\"kinds\",\"type\":\"uint8[]\"},{\"internalType\":\"uint16\",\"name\":\"params\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"}],\"name\":\"registerShape\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractICommitmentRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"}],\"name\":\"shape\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"uint16\",\"name\":\"params\",\"type\":\"uint16\"},{\"internalType\":\"uint32\",\"name\":\"slots\",\"type\":\"uint32\"},{\"internalType\":\"bytes4\",\"name\":\"selector\",\"type\":\"bytes4\"},{\"internalType\":\"bytes32\",\"name\":\"tableId\",\"type\":\"bytes32\"},{\"internalType\":\"uint8[]\",\"name\":\"kinds\",\"type\":\"uint8[]\"}],\"internalType\":\"structOneCheckCoprocessor.Shape\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"name\":\"tableDigests\",\"outputs\":[{\"internalType\":\"uint192\",\"name\":\"low\",\"type\":\"uint192\"},{\"internalType\":\"bool\",\"name\":\"posted\",\"type\":\"bool\"},{\"internalType\":\"uint256\",\"name\":\"high\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"next\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"shapeHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"commitment\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"params\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"outputs\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes\",\"name\":\"proof\",\"type\":\"bytes\"}],\"name\":\"verifyQuery\",\"outputs\":[{\"internalType\":\"int256[]\",\"name\":\"result\",\"type\":\"int256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "OneCheckCoprocessor",
	Bin: "0x60a0346100b057601f611ac838819003918201601f19168301916001600160401b038311848410176100b4578084926020946040528339810103126100b057516001600160a01b03811681036100b0576080525f80546001600160a01b031916339081178255604051917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e08180a36119ff90816100c98239608051818181610694015281816108f601526109f80152f35b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe6080806040526004361015610012575f80fd5b5f3560e01c9081631ba96afd146111da5750806321d135341461109757806370efd024146109255780637b103999146108e15780638da5cb5b146108ba578063d67e63b214610671578063e9bd9931146100f65763f2fde38b14610074575f80fd5b346100f25760203660031901126100f2576004356001600160a01b038116908190036100f2575f546001600160a01b038116338190036100e35782907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e05f80a36001600160a01b031916175f55005b6330cd747160e01b5f5260045ffd5b5f80fd5b346100f25760c03660031901126100f2576024356004356001600160a01b0382168083036100f257604435926064356001600160401b0381116100f257610141903690600401611223565b60849591953561ffff81168082036100f25760a4359063ffffffff8216958683036100f2575f546001600160a01b031633036100e3573b15610638578315801561060d575b6105c7575f5b89858083106104d45750505085156104a3576101a784611887565b6101b4604051918261126e565b848152602081018560051b8b013681116100f2578b915b81831061048957505050906101e26101e7926118d0565b61187a565b6002810180911161047557875f52600260205260405f2093876bffffffffffffffffffffffff60a01b86541617855585600186015560028501996001600160401b03821161046157680100000000000000008211610461578a54828c5580831061040a575b50995f5260205f208160051c915f5b8381106103d45750601f19811690038061035d575b8a7f48c1a04e97a1646f697be85d7172aca12b308ece36f063a07acd9ae9953253ff60608c8c8c8c8c8c8c6102a684549161193d565b6040516103006002603a836020808201967f76657269667950726f6f662862797465732c75696e743235365b00000000000088528051918291018484015e8101615d2960f01b838201520301601d1981018452018261126e565b63ffffffff60d01b9163ffffffff60d01b9151902060101c16169261ffff60a01b9060a01b169069ffffffffffffffffffff60a01b1916179063ffffffff60b01b9060b01b161717905560405192835260208301526040820152a2005b9a5f9b5f5b81811061039f575050500198909855959687969060607f48c1a04e97a1646f697be85d7172aca12b308ece36f063a07acd9ae9953253ff8b610270565b90919c60206103ca8f92846103b56001956118c2565b919060ff809160031b9316831b921b19161790565b9e01929101610362565b5f5f5b602081106103ec57508382015560010161025b565b9d9060208f600192610401916103b5866118c2565b92019e016103d7565b8b5f5260205f20601f80850160051c8201920160051c0190601f841680610446575b505b81811061043b575061024c565b5f815560010161042e565b5f198201908154905f199060200360031b1c1690558d61042c565b634e487b7160e01b5f52604160045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b823560ff811681036100f2578152602092830192016101cb565b604051630aeff59f60e01b81526020600482015260086024820152676e6f20736c6f747360c01b6044820152606490fd5b6104eb6104e68460ff9360059561189e565b6118c2565b161161059257600460ff6105036104e684898f61189e565b1614600182018083116104755786811090878d83610574575b50505015150361052e5760010161018c565b604051630aeff59f60e01b815260206004820152601960248201527f612055494e543235362065787472656d652773206c696d6273000000000000006044820152606490fd5b6005935060ff92610588926104e69261189e565b16148c878d61051c565b604051630aeff59f60e01b815260206004820152600c60248201526b1c185c9d1a585b081ada5b9960a21b6044820152606490fd5b604051630aeff59f60e01b815260206004820152601960248201527f74686520636f756e74206d75737420636f6d65206669727374000000000000006044820152606490fd5b6106245760ff61061c8a6118c2565b161515610186565b634e487b7160e01b5f52603260045260245ffd5b604051630aeff59f60e01b815260206004820152601060248201526f6e6f20766572696669657220636f646560801b6044820152606490fd5b346100f25760603660031901126100f25760043560243560443560018060a01b037f0000000000000000000000000000000000000000000000000000000000000000166040516316367a7160e11b8152336004820152602081602481855afa908115610861575f9161087f575b501561086c576060602491604051928380926314f3180760e11b82528860048301525afa8015610861576001600160401b03915f9161082f575b50161561081c57825f52600160205260ff60405f205460c01c16610809576001600160c01b03821180156107fd575b6107ee576040519160608301918383106001600160401b03841117610461577f72138bf1de8201399a6fde9becc00982ce5675b9d357e9321a0115512cbf002293604093845260018060c01b038316815260016020820181815285830190848252885f5282602052865f2093838060c01b0390511684549160ff60c01b9051151560c01b169166ffffffffffffff60c81b16171783555191015582519182526020820152a2005b631e88da2b60e21b5f5260045ffd5b508060b91c1515610747565b82630838d09f60e31b5f5260045260245ffd5b82630fcffcff60e21b5f5260045260245ffd5b610851915060603d60601161085a575b610849818361126e565b810190611851565b50905085610718565b503d61083f565b6040513d5f823e3d90fd5b630b4821c760e31b5f523360045260245ffd5b90506020813d6020116108b2575b8161089a6020938361126e565b810103126100f2575180151581036100f257856106de565b3d915061088d565b346100f2575f3660031901126100f2575f546040516001600160a01b039091168152602090f35b346100f2575f3660031901126100f2576040517f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03168152602090f35b346100f25760a03660031901126100f2576004356024356044356001600160401b0381116100f25761095b903690600401611223565b926064356001600160401b0381116100f25761097b903690600401611223565b929093608435956001600160401b0387116100f257366023880112156100f2578660040135906001600160401b0382116100f257366024838a0101116100f257845f52600260205260405f209788549460018060a01b03861696871561108557506040516314f3180760e11b8152600481018690526060816024817f00000000000000000000000000000000000000000000000000000000000000006001600160a01b03165afa908115610861575f905f905f9361105a575b506001600160401b0316156110475760018c01548082036110325750506001600160401b031660b087901c63ffffffff1680821161101d575050845f52600160205260405f20998a549560ff8760c01c161561100b575061ffff8760a01c16808503610ff457506002610aa7910161128f565b99610ab18b6118d0565b808a03610fdd5750610ac3848a61187a565b90600282019687831161047557610ad988611887565b93610ae7604051958661126e565b888552610af389611887565b602086019790601f19013689378d5f8e5b808210610fbb575050505f5b818110610f2a5750600193926001600160c01b03169150610b33905084866118ae565b52015490600181019187831161047557610b4f600393856118ae565b5201809511610475576001600160fb1b03851685036104755760405194602086019663ffffffff60e01b9060101b16875260051b60248601526044850190519092905f5b818110610f14575050506020848484816024610bcc965f9c9a98998d9c9a5201858301370187838201520301601f19810183528261126e565b51915afa3d15610f0f573d6001600160401b0381116104615760405190610bfd601f8201601f19166020018361126e565b81525f60203d92013e5b15610f005782519192610c32610c1c84611887565b93610c2a604051958661126e565b808552611887565b602084019490601f19013686375f905f935b60028510610c90578686604051918291602083019060208452518091526040830191905f5b818110610c77575050500390f35b8251845285945060209384019390920191600101610c69565b9091929394955f9060018714915b8651811015610eef57600260ff610cb5838a6118ae565b51161083811503610d7157600560ff610cce848b6118ae565b511614610d7157600460ff610ce3848b6118ae565b511614610e7857610dab57855f198114610475576001610d06910196858761189e565b35600360ff610d15848b6118ae565b511603610d7a578015610d71575f19810190811161047557905b7ff6aa4d50b2e9ad54cfa5d970d1e427ff532ac48097ffffff7af7400000000000820191821360011661047557600191610d69828c6118ae565b525b01610c9e565b50600190610d6b565b907f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a118000000000018210610d2f5760019150610d6b565b9460018101808211610475577f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a118000000000018091610dea600160c01b91888a61189e565b3509610df783878961189e565b359008906002810180911161047557957f0955b2af4d1652ab305a268f2e1bd800acd53b7f680000008508c00000000000821115610e70577fed549aa165d35aa99f4bb2e1a3c84ffea65589012ffffffef5ee7fffffffffff8201918213600116610475576001915b610e6a828c6118ae565b52610d6b565b600191610e60565b50946001810180821161047557610e93610ea991868861189e565b3560c01b610ea283878961189e565b359061187a565b906002810180911161047557956fffffffffffffffffffffffffffffffff8216610ed3828c6118ae565b526001810180821161047557610e6a60019360801c918c6118ae565b509695600101949392919050610c44565b63c3b0d8cd60e01b5f5260045ffd5b610c07565b8251855260209485019490920191600101610b93565b7f12ab655e9a2ca55660b44d1e5c37b00159aa76fed00000010a11800000000001610f5682848661189e565b351015610f8757808e610f80610f7a83610f73600196888a61189e565b359361187a565b8a6118ae565b5201610b10565b6084906040519063246ef49b60e21b8252604060048301526005604483015264706172616d60d81b60648301526024820152fd5b81610fc89160019461189e565b35610fd3828a6118ae565b52018e908e610b04565b8990639d7d3c1960e01b5f5260045260245260445ffd5b8490630e8a487960e41b5f5260045260245260445ffd5b63db9d147d60e01b5f5260045260245ffd5b6321a0c5c360e11b5f5260045260245260445ffd5b6315b3422b60e21b5f5260045260245260445ffd5b86630fcffcff60e21b5f5260045260245ffd5b90506001600160401b03925061107f915060603d60601161085a57610849818361126e565b92610a34565b630edf9f8f60e21b5f5260045260245ffd5b346100f25760203660031901126100f257606060a06040516110b881611253565b5f81525f60208201525f60408201525f838201525f608082015201526004355f52600260205261ffff60405f206040516110f181611253565b815460018060a01b03811682526020820192848260a01c168452604083019163ffffffff8160b01c168352606084019063ffffffff60e01b9060101b16815263ffffffff61114d6002600185015494608088019586520161128f565b9360a086019485526040519788976020895260e089019760018060a01b0390511660208a0152511660408801525116606086015263ffffffff60e01b90511660808501525160a0840152519060c0808401528151809152602061010084019201905f5b8181106111be575050500390f35b825160ff168452859450602093840193909201916001016111b0565b346100f25760203660031901126100f2576060906004355f52600160205260405f2060ff600182549201549160018060c01b038116845260c01c16151560208301526040820152f35b9181601f840112156100f2578235916001600160401b0383116100f2576020808501948460051b0101116100f257565b60c081019081106001600160401b0382111761046157604052565b90601f801991011681019081106001600160401b0382111761046157604052565b90604051918281549182825260208201905f5260205f20925f905b80601f830110611695576113c0945491818110611681575b81811061166a575b818110611653575b81811061163c575b818110611626575b81811061160f575b8181106115f8575b8181106115e1575b8181106115ca575b8181106115b3575b81811061159c575b818110611585575b81811061156e575b818110611557575b818110611540575b818110611529575b818110611512575b8181106114fb575b8181106114e4575b8181106114cd575b8181106114b6575b81811061149f575b818110611488575b818110611471575b81811061145a575b818110611443575b81811061142c575b818110611415575b8181106113fe575b8181106113e7575b8181106113d0575b106113c2575b50038361126e565b565b60f81c81526020015f6113b8565b92602060019160ff8560f01c1681520193016113b2565b92602060019160ff8560e81c1681520193016113aa565b92602060019160ff8560e01c1681520193016113a2565b92602060019160ff8560d81c16815201930161139a565b92602060019160ff8560d01c168152019301611392565b92602060019160ff8560c81c16815201930161138a565b92602060019160ff8560c01c168152019301611382565b92602060019160ff8560b81c16815201930161137a565b92602060019160ff8560b01c168152019301611372565b92602060019160ff8560a81c16815201930161136a565b92602060019160ff8560a01c168152019301611362565b92602060019160ff8560981c16815201930161135a565b92602060019160ff8560901c168152019301611352565b92602060019160ff8560881c16815201930161134a565b92602060019160ff8560801c168152019301611342565b92602060019160ff8560781c16815201930161133a565b92602060019160ff8560701c168152019301611332565b92602060019160ff8560681c16815201930161132a565b92602060019160ff8560601c168152019301611322565b92602060019160ff8560581c16815201930161131a565b92602060019160ff8560501c168152019301611312565b92602060019160ff8560481c16815201930161130a565b92602060019160ff8560401c168152019301611302565b92602060019160ff8560381c1681520193016112fa565b92602060019160ff8560301c1681520193016112f2565b92602060019160ff8560281c1681520193016112ea565b92602060019160ff85831c1681520193016112e2565b92602060019160ff8560181c1681520193016112da565b92602060019160ff8560101c1681520193016112d2565b92602060019160ff8560081c1681520193016112ca565b92602060019160ff851681520193016112c2565b916020919350610400600191865460ff8116825260ff8160081c168583015260ff8160101c16604083015260ff8160181c16606083015260ff81861c16608083015260ff8160281c1660a083015260ff8160301c1660c083015260ff8160381c1660e083015260ff8160401c1661010083015260ff8160481c1661012083015260ff8160501c1661014083015260ff8160581c1661016083015260ff8160601c1661018083015260ff8160681c166101a083015260ff8160701c166101c083015260ff8160781c166101e083015260ff8160801c1661020083015260ff8160881c1661022083015260ff8160901c1661024083015260ff8160981c1661026083015260ff8160a01c1661028083015260ff8160a81c166102a083015260ff8160b01c166102c083015260ff8160b81c166102e083015260ff8160c01c1661030083015260ff8160c81c1661032083015260ff8160d01c1661034083015260ff8160d81c1661036083015260ff8160e01c1661038083015260ff8160e81c166103a083015260ff8160f01c166103c083015260f81c6103e08201520194019201859293916112aa565b51906001600160401b03821682036100f257565b908160609103126100f25780519161187760406118706020850161183d565b930161183d565b90565b9190820180921161047557565b6001600160401b0381116104615760051b60200190565b91908110156106245760051b0190565b80518210156106245760209160051b010190565b3560ff811681036100f25790565b5f9190825b81518410156119385761190e60019160ff6118f087866118ae565b511660028114801561192e575b15611916575060ff835b169061187a565b9301926118d5565b6005036119255760ff5f611907565b60ff6002611907565b50600381146118fd565b925050565b9060609180156119a757805b6119505750565b91600a830660300190816030116104755761199f6021600a93602060405194859260ff60f81b9060f81b16828401528051918291018484015e81015f838201520301601f19810183528261126e565b920480611949565b5090506040516119b860408261126e565b60018152600360fc1b60208201529056fea2646970667358221220fc1cd021ad1a4f581f28d1eb9fb922ca3203f300e78e51cfe4d04bbb12bf14ea64736f6c634300081e0033",
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
// Solidity: function shape(bytes32 shapeHash) view returns((address,uint16,uint32,bytes4,bytes32,uint8[]))
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
// Solidity: function shape(bytes32 shapeHash) view returns((address,uint16,uint32,bytes4,bytes32,uint8[]))
func (oneCheckCoprocessor *OneCheckCoprocessor) TryPackShape(shapeHash [32]byte) ([]byte, error) {
	return oneCheckCoprocessor.abi.Pack("shape", shapeHash)
}

// UnpackShape is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x21d13534.
//
// Solidity: function shape(bytes32 shapeHash) view returns((address,uint16,uint32,bytes4,bytes32,uint8[]))
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
