// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

/// @title Hearth's data marketplace: signed offers, escrowed purchases, proven delivery.
/// @notice Personal data never comes here. An offer is EIP-712 typed data signed by the seller
/// off chain (listing costs no gas); a purchase pays into escrow and carries the buyer's age
/// recipient; the seller's delivery records the ciphertext hash and releases the escrow to
/// withdrawable balances; an undelivered purchase is refunded to the buyer after a deadline.
/// @dev Storage is kept to one slot per purchase: the contract stores only the hash of the
/// licence (seller, buyer, token, amount, deadline, family split) and `deliver`/`refund` take
/// the licence back in calldata, rebuilt from the `Purchased` event and the offer.
/// Payment tokens must be plain ERC-20s (no fee on transfer, no rebasing).
contract DataMarket is EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice What a seller signs. `buyers` is the buyer rule: zero = anyone; a value whose
    /// top 96 bits are zero = the one address in its low 160 bits; anything else = the root of
    /// a Merkle tree of allowed buyers (leaf = keccak256(keccak256(abi.encode(buyer))), pairs
    /// hashed sorted, as OpenZeppelin's MerkleProof expects). `payees`/`sharesBps` split the
    /// seller's income (basis points summing to 10,000); both empty = all to the seller.
    struct Offer {
        address seller;
        bytes32 datasetCommitment;
        bytes32 termsHash;
        uint256 price;
        address paymentToken;
        uint64 expiry;
        uint32 maxSales;
        address[] payees;
        uint16[] sharesBps;
        uint256 nonce;
        bytes32 buyers;
    }

    /// @notice One purchase as `deliver` and `refund` take it back (its hash is what is stored).
    struct Licence {
        address seller;
        address buyer;
        address paymentToken;
        uint256 amount;
        uint64 deadline;
        address[] payees;
        uint16[] sharesBps;
    }

    /// @notice An EIP-2612 permit for exactly the offer's price, used by `purchaseWithPermit`.
    struct Permit {
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    bytes32 public constant OFFER_TYPEHASH = keccak256(
        "Offer(address seller,bytes32 datasetCommitment,bytes32 termsHash,uint256 price,"
        "address paymentToken,uint64 expiry,uint32 maxSales,address[] payees,uint16[] sharesBps,"
        "uint256 nonce,bytes32 buyers)"
    );
    uint16 public constant MAX_FEE_BPS = 500;
    uint16 private constant ALL_BPS = 10_000;
    // `sold[offerHash]` doubles as the cancelled flag, so a purchase reads one slot for both.
    uint256 private constant CANCELLED = type(uint256).max;

    address public immutable treasury;
    uint16 public immutable feeBps;
    uint64 public immutable deliveryWindow;

    // Starts at 1 so that the first purchase rewrites a non-zero slot (5k gas, not 22k).
    uint256 public nextPurchaseId = 1;
    /// @notice Sales made per offer hash, or type(uint256).max once the seller cancelled it.
    mapping(bytes32 offerHash => uint256) public sold;
    /// @notice Offers with a lower nonce than this are revoked (`cancelAllBefore`).
    mapping(address seller => uint256) public minNonce;
    /// @notice Hash of an open purchase's licence; zero once delivered or refunded.
    mapping(uint256 purchaseId => bytes32) public openLicence;
    /// @notice Withdrawable income per payment token (address(0) = the coin) and account.
    mapping(address token => mapping(address account => uint256)) public balanceOf;

    event Purchased(
        uint256 purchaseId,
        bytes32 indexed offerHash,
        address indexed seller,
        address indexed buyer,
        string ageRecipient,
        uint256 price,
        address token,
        uint64 deadline
    );
    event Delivered(uint256 indexed purchaseId, bytes32 ciphertextHash, string uri);
    event Refunded(uint256 indexed purchaseId, address indexed buyer, uint256 amount, address token);
    event Withdrawn(address indexed account, address indexed token, uint256 amount);
    event OfferCancelled(bytes32 indexed offerHash, address indexed seller);
    event NoncesRevoked(address indexed seller, uint256 minNonce);

    error FeeTooHigh(uint16 feeBps, uint16 maxFeeBps);
    error NoTreasury();
    error NoDeliveryWindow();
    error BadSignature();
    error OfferExpired(uint64 expiry);
    error OfferRevoked(uint256 nonce, uint256 minNonce);
    error OfferIsCancelled(bytes32 offerHash);
    error SoldOut(uint32 maxSales);
    error BuyerNotAllowed(address buyer);
    error PriceAboveMax(uint256 price, uint256 maxPrice);
    error WrongPayment(uint256 expected, uint256 sent);
    error BadSplit();
    error NotSeller();
    error NotBuyer();
    error NoOpenPurchase(uint256 purchaseId);
    error DeliveryTooLate(uint64 deadline);
    error DeliveryStillDue(uint64 deadline);
    error NonceNotIncreasing(uint256 minNonce);
    error NothingToWithdraw();
    error PaymentFailed();
    error CoinNeedsNoPermit();

    /// @param treasury_ receives the protocol fee (may be zero when `feeBps_` is zero)
    /// @param feeBps_ protocol fee in basis points of each delivered sale, at most MAX_FEE_BPS
    /// @param deliveryWindow_ seconds a seller has to deliver before the buyer may refund
    constructor(address treasury_, uint16 feeBps_, uint64 deliveryWindow_) EIP712("Hearth DataMarket", "1") {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (feeBps_ != 0 && treasury_ == address(0)) revert NoTreasury();
        if (deliveryWindow_ == 0) revert NoDeliveryWindow();
        treasury = treasury_;
        feeBps = feeBps_;
        deliveryWindow = deliveryWindow_;
    }

    // ---- Buying -------------------------------------------------------------------------

    /// @notice Buy `offer` with the coin (send exactly its price) or an approved ERC-20.
    /// @param maxPrice the most the buyer agreed to pay, so a re-signed dearer offer fails
    /// @param buyerProof Merkle proof for an allowlist offer, empty otherwise
    function purchase(
        Offer calldata offer,
        bytes calldata signature,
        string calldata ageRecipient,
        uint256 maxPrice,
        bytes32[] calldata buyerProof
    ) external payable nonReentrant returns (uint256 purchaseId) {
        uint256 due = offer.paymentToken == address(0) ? offer.price : 0;
        if (msg.value != due) revert WrongPayment(due, msg.value);
        purchaseId = _open(offer, signature, ageRecipient, maxPrice, buyerProof);
        if (offer.paymentToken != address(0)) {
            IERC20(offer.paymentToken).safeTransferFrom(msg.sender, address(this), offer.price);
        }
    }

    /// @notice Buy an ERC-20 offer with an EIP-2612 permit for its price, in one transaction.
    function purchaseWithPermit(
        Offer calldata offer,
        bytes calldata signature,
        string calldata ageRecipient,
        uint256 maxPrice,
        bytes32[] calldata buyerProof,
        Permit calldata permit
    ) external nonReentrant returns (uint256 purchaseId) {
        if (offer.paymentToken == address(0)) revert CoinNeedsNoPermit();
        purchaseId = _open(offer, signature, ageRecipient, maxPrice, buyerProof);
        // A permit seen in the mempool can be submitted first by anyone; the allowance is then
        // already there, so a failed permit is not an error: transferFrom decides.
        try IERC20Permit(offer.paymentToken).permit(
            msg.sender, address(this), offer.price, permit.deadline, permit.v, permit.r, permit.s
        ) {} catch {}
        IERC20(offer.paymentToken).safeTransferFrom(msg.sender, address(this), offer.price);
    }

    // ---- Selling ------------------------------------------------------------------------

    /// @notice The seller proves delivery; the escrow moves to withdrawable balances.
    function deliver(uint256 purchaseId, Licence calldata licence, bytes32 ciphertextHash, string calldata uri)
        external
    {
        if (msg.sender != licence.seller) revert NotSeller();
        if (block.timestamp > licence.deadline) revert DeliveryTooLate(licence.deadline);
        _close(purchaseId, licence);
        address token = licence.paymentToken;
        uint256 fee = (licence.amount * feeBps) / ALL_BPS;
        if (fee != 0) balanceOf[token][treasury] += fee;
        uint256 income = licence.amount - fee;
        uint256 count = licence.payees.length;
        if (count == 0) {
            balanceOf[token][licence.seller] += income;
        } else {
            // The last payee takes the rounding remainder, so no wei is left unowned.
            uint256 left = income;
            for (uint256 i = 0; i < count - 1; ++i) {
                uint256 share = (income * licence.sharesBps[i]) / ALL_BPS;
                balanceOf[token][licence.payees[i]] += share;
                left -= share;
            }
            balanceOf[token][licence.payees[count - 1]] += left;
        }
        emit Delivered(purchaseId, ciphertextHash, uri);
    }

    /// @notice Revoke one offer (seller only).
    function cancelOffer(Offer calldata offer) external {
        if (msg.sender != offer.seller) revert NotSeller();
        (bytes32 offerHash,,) = _hashOffer(offer);
        sold[offerHash] = CANCELLED;
        emit OfferCancelled(offerHash, msg.sender);
    }

    /// @notice Revoke every offer of the caller whose nonce is below `nonce`.
    function cancelAllBefore(uint256 nonce) external {
        if (nonce <= minNonce[msg.sender]) revert NonceNotIncreasing(minNonce[msg.sender]);
        minNonce[msg.sender] = nonce;
        emit NoncesRevoked(msg.sender, nonce);
    }

    // ---- Money out ----------------------------------------------------------------------

    /// @notice The buyer takes back an undelivered purchase's payment after its deadline.
    function refund(uint256 purchaseId, Licence calldata licence) external nonReentrant {
        if (msg.sender != licence.buyer) revert NotBuyer();
        if (block.timestamp <= licence.deadline) revert DeliveryStillDue(licence.deadline);
        _close(purchaseId, licence);
        emit Refunded(purchaseId, licence.buyer, licence.amount, licence.paymentToken);
        _pay(licence.paymentToken, licence.buyer, licence.amount);
    }

    /// @notice Pay out the caller's whole balance in `token` (address(0) = the coin).
    function withdraw(address token) external nonReentrant {
        uint256 amount = balanceOf[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw();
        balanceOf[token][msg.sender] = 0;
        emit Withdrawn(msg.sender, token, amount);
        _pay(token, msg.sender, amount);
    }

    // ---- Views --------------------------------------------------------------------------

    /// @notice The EIP-712 digest the seller signs; also the offer's id in events and `sold`.
    function hashOffer(Offer calldata offer) external view returns (bytes32 offerHash) {
        (offerHash,,) = _hashOffer(offer);
    }

    /// @notice The hash stored for an open purchase with this licence.
    function hashLicence(Licence calldata licence) external pure returns (bytes32) {
        return _hashLicence(licence);
    }

    // ---- Internals ----------------------------------------------------------------------

    function _open(
        Offer calldata offer,
        bytes calldata signature,
        string calldata ageRecipient,
        uint256 maxPrice,
        bytes32[] calldata buyerProof
    ) private returns (uint256 purchaseId) {
        if (offer.price > maxPrice) revert PriceAboveMax(offer.price, maxPrice);
        if (block.timestamp > offer.expiry) revert OfferExpired(offer.expiry);
        uint256 lowest = minNonce[offer.seller];
        if (offer.nonce < lowest) revert OfferRevoked(offer.nonce, lowest);
        _checkBuyer(offer.buyers, buyerProof);
        _checkSplit(offer.payees, offer.sharesBps);

        (bytes32 offerHash, bytes32 payeesHash, bytes32 sharesHash) = _hashOffer(offer);
        (address signer, ECDSA.RecoverError failure,) = ECDSA.tryRecoverCalldata(offerHash, signature);
        if (failure != ECDSA.RecoverError.NoError || signer != offer.seller) revert BadSignature();

        uint256 sales = sold[offerHash];
        if (sales == CANCELLED) revert OfferIsCancelled(offerHash);
        if (sales >= offer.maxSales) revert SoldOut(offer.maxSales);
        sold[offerHash] = sales + 1;

        uint64 deadline = uint64(block.timestamp) + deliveryWindow;
        purchaseId = nextPurchaseId++;
        openLicence[purchaseId] = keccak256(
            abi.encode(offer.seller, msg.sender, offer.paymentToken, offer.price, deadline, payeesHash, sharesHash)
        );
        emit Purchased(
            purchaseId,
            offerHash,
            offer.seller,
            msg.sender,
            ageRecipient,
            offer.price,
            offer.paymentToken,
            deadline
        );
    }

    /// @dev Ends an open purchase (checks-effects: cleared before any money moves).
    function _close(uint256 purchaseId, Licence calldata licence) private {
        bytes32 stored = openLicence[purchaseId];
        if (stored == bytes32(0) || stored != _hashLicence(licence)) revert NoOpenPurchase(purchaseId);
        delete openLicence[purchaseId];
    }

    function _checkBuyer(bytes32 rule, bytes32[] calldata proof) private view {
        if (rule == bytes32(0)) return;
        if (uint256(rule) >> 160 == 0) {
            if (address(uint160(uint256(rule))) != msg.sender) revert BuyerNotAllowed(msg.sender);
            return;
        }
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender))));
        if (!MerkleProof.verifyCalldata(proof, rule, leaf)) revert BuyerNotAllowed(msg.sender);
    }

    function _checkSplit(address[] calldata payees, uint16[] calldata sharesBps) private pure {
        uint256 count = payees.length;
        if (count != sharesBps.length) revert BadSplit();
        if (count == 0) return;
        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            if (payees[i] == address(0)) revert BadSplit();
            total += sharesBps[i];
        }
        if (total != ALL_BPS) revert BadSplit();
    }

    function _hashOffer(Offer calldata offer)
        private
        view
        returns (bytes32 offerHash, bytes32 payeesHash, bytes32 sharesHash)
    {
        // EIP-712 encodes an array as the hash of its elements, each padded to 32 bytes,
        // which is what abi.encodePacked does for arrays.
        payeesHash = keccak256(abi.encodePacked(offer.payees));
        sharesHash = keccak256(abi.encodePacked(offer.sharesBps));
        bytes32 structHash = keccak256(
            abi.encode(
                OFFER_TYPEHASH,
                offer.seller,
                offer.datasetCommitment,
                offer.termsHash,
                offer.price,
                offer.paymentToken,
                offer.expiry,
                offer.maxSales,
                payeesHash,
                sharesHash,
                offer.nonce,
                offer.buyers
            )
        );
        offerHash = _hashTypedDataV4(structHash);
    }

    function _hashLicence(Licence calldata licence) private pure returns (bytes32) {
        return keccak256(
            abi.encode(
                licence.seller,
                licence.buyer,
                licence.paymentToken,
                licence.amount,
                licence.deadline,
                keccak256(abi.encodePacked(licence.payees)),
                keccak256(abi.encodePacked(licence.sharesBps))
            )
        );
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            (bool paid,) = to.call{value: amount}("");
            if (!paid) revert PaymentFailed();
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }
}
