"""The price part of the sharing form: an amount in a coin, and what that is in the person's
own money at a rate they typed in themselves (an estimate, never a quote)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from hearth.consent.policy import KNOWN_CURRENCIES, ConsentPolicy, Currency, Price
from hearth.consent.rates import (
    ENTERED,
    ExchangeRate,
    estimate,
    estimate_words,
    parse_rate,
    rate_of,
    set_rate,
)
from hearth.errors import UserFacingError
from hearth.ui.errors import report_error
from hearth.ui.i18n import fill
from hearth.ui.pages.sharing_box import FormBox, hint
from hearth.vault import Vault

LOCAL_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "MXN", "BRL", "ARS", "COP")


class PriceBox(FormBox):
    """Amount and currency; below them "1 ETH ≈ [2500] [EUR]" and the estimate it gives."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Price"), parent)
        self._vault = vault
        self._rate: ExchangeRate | None = None
        self.amount = QLineEdit(self)
        self.amount.setAccessibleName(self.tr("Price per licence"))
        self.amount.setPlaceholderText("0.01")
        self.amount.setMaximumWidth(160)
        self.currency = QComboBox(self)
        self.currency.setAccessibleName(self.tr("Currency"))
        for key, currency in KNOWN_CURRENCIES.items():
            self.currency.addItem(currency.symbol, key)
        self._extra: dict[str, Currency] = {}  # a token set from the command line
        amount_label = QLabel(self.tr("&Price:"), self)
        amount_label.setBuddy(self.amount)

        self.per = QLabel(self)
        self.rate = QLineEdit(self)
        self.rate.setAccessibleName(self.tr("Your exchange rate"))
        self.rate.setPlaceholderText("2500")
        self.rate.setMaximumWidth(120)
        self.local = QComboBox(self)
        self.local.setEditable(True)
        self.local.setAccessibleName(self.tr("Your currency"))
        self.local.addItems(LOCAL_CURRENCIES)
        self.local.setCurrentText(_default_local())
        self.local.setMaximumWidth(100)
        self.estimate = QLabel(self)
        self.estimate.setWordWrap(True)

        grid = QGridLayout(self)
        grid.addWidget(amount_label, 0, 0)
        price_row = QHBoxLayout()
        price_row.addWidget(self.amount)
        price_row.addWidget(self.currency)
        price_row.addStretch(1)
        grid.addLayout(price_row, 0, 1)
        grid.addWidget(
            hint(
                self.tr(
                    "What one buyer pays for one licence. Leave it empty while you think; "
                    "0 gives the data away for free."
                ),
                self,
            ),
            1,
            1,
        )
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.per)
        rate_row.addWidget(self.rate)
        rate_row.addWidget(self.local)
        rate_row.addStretch(1)
        grid.addLayout(rate_row, 2, 1)
        grid.addWidget(
            hint(self.tr("Your own estimate, not a quote: Hearth does not look prices up."), self),
            3,
            1,
        )
        grid.addWidget(self.estimate, 4, 1)
        grid.setColumnStretch(1, 1)

        self.amount.textChanged.connect(self._changed)
        self.currency.currentIndexChanged.connect(self._currency_chosen)
        self.rate.editingFinished.connect(self._keep_rate)
        self.local.currentTextChanged.connect(self._changed)
        self.local.activated.connect(self._keep_rate)
        self.rate.textChanged.connect(self._changed)
        self._currency_chosen()

    # -------------------------------------------------------------- the policy

    def fill(self, policy: ConsentPolicy) -> None:
        price = policy.price
        if price is None:
            self.amount.clear()
        else:
            self._choose_currency(price.currency)
            self.amount.setText(format(price.amount, "f"))
        self._show_estimate()

    def apply(self, policy: ConsentPolicy) -> ConsentPolicy:
        return policy.with_changes(price=self.price())

    def price(self) -> Price | None:
        text = self.amount.text().strip()
        if not text:
            return None
        return Price.parse(text.replace(",", ".") if "." not in text else text, self.chosen())

    def chosen(self) -> Currency:
        key = str(self.currency.currentData())
        return self._extra.get(key) or KNOWN_CURRENCIES[key]

    def local_estimate(self) -> str:
        """The summary's words for the estimate ("about 25.00 EUR at the rate you entered"),
        or "" when there is no price or no usable rate."""
        rate = self._typed_rate()
        try:
            price = self.price()
        except UserFacingError:
            return ""
        if price is None or rate is None or price.units == 0:
            return ""
        return estimate_words(price, rate)

    # -------------------------------------------------------------- helpers

    def _choose_currency(self, currency: Currency) -> None:
        key = currency.symbol.upper()
        if KNOWN_CURRENCIES.get(key) != currency:
            key = f"{currency.symbol}:{currency.token}:{currency.decimals}"
            if key not in self._extra:
                self._extra[key] = currency
                self.currency.addItem(currency.symbol, key)
        self.currency.setCurrentIndex(self.currency.findData(key))

    def _changed(self) -> None:
        self._show_estimate()
        self.announce()

    def _currency_chosen(self) -> None:
        symbol = self.chosen().symbol
        self.per.setText(fill(self.tr("1 %1 ≈"), symbol))
        self._rate = None
        with contextlib.suppress(UserFacingError):  # the recovery key has no rates
            self._rate = rate_of(self._vault, symbol)
        self.rate.blockSignals(True)
        self.rate.setText(format(self._rate.rate, "f") if self._rate else "")
        self.rate.blockSignals(False)
        if self._rate is not None:
            self.local.setCurrentText(self._rate.local)
        self._changed()

    def _typed_rate(self) -> ExchangeRate | None:
        text = self.rate.text().strip().replace(",", ".")
        local = self.local.currentText().strip().upper()
        if not text or len(local) != 3:
            return None
        try:
            value = parse_rate(text)
        except UserFacingError:
            return None
        return ExchangeRate(self.chosen().symbol, local, value, ENTERED, "")

    def _keep_rate(self) -> None:
        """Remember the rate the person typed, for this coin, once they leave the field."""
        typed = self._typed_rate()
        if typed is None:
            return
        stored = self._rate
        if stored is not None and (stored.rate, stored.local) == (typed.rate, typed.local):
            return
        try:
            self._rate = set_rate(self._vault, typed.symbol, typed.local, format(typed.rate, "f"))
        except UserFacingError as error:
            report_error(error)

    def _show_estimate(self) -> None:
        rate = self._typed_rate()
        try:
            price = self.price()
        except UserFacingError:
            price = None
        if self.rate.text().strip() and rate is None:
            self.estimate.setText(
                self.tr("Write the rate as a number above zero and your currency as three letters.")
            )
        elif price is None or rate is None:
            self.estimate.setText(
                self.tr("Type what one coin is worth to you to see the price in your money.")
            )
        else:
            amount = QLocale().toString(float(estimate(price, rate)), "f", 2)
            self.estimate.setText(
                fill(self.tr("≈ %1 %2, by your estimate (not a quote)."), amount, rate.local)
            )
        self.estimate.setAccessibleName(self.estimate.text())


def _default_local() -> str:
    """The person's currency from the locale the app runs in ("EUR" in Spain)."""
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 else "EUR"
