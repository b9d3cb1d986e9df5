<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ActivityPage</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/activity.py" line="+204"/>
        <source>The activity log is intact (%n entries).</source>
        <translation>
            <numerusform>The activity log is intact (%n entry).</numerusform>
            <numerusform>The activity log is intact (%n entries).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BuyTab</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/marketplace_buy.py" line="+204"/>
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BuyerPreview</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/sharing_preview.py" line="+170"/>
        <source>%Ln rows</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln files</source>
        <translation>
            <numerusform>%Ln file</numerusform>
            <numerusform>%Ln files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 (%Ln rows)</source>
        <translation>
            <numerusform>%1 (%Ln row)</numerusform>
            <numerusform>%1 (%Ln rows)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsentSigning</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/sharing_signing.py" line="+121"/>
        <source>%n of your consent records of this dataset is not signed yet. Signing shows that the decision is yours; it stands either way.</source>
        <translation>
            <numerusform>%n of your consent records of this dataset is not signed yet. Signing shows that the decision is yours; it stands either way.</numerusform>
            <numerusform>%n of your consent records of this dataset are not signed yet. Signing shows that the decision is yours; it stands either way.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>%n consent record(s) signed with your wallet.</source>
        <translation>
            <numerusform>%n consent record signed with your wallet.</numerusform>
            <numerusform>%n consent records signed with your wallet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n offer(s) cancelled on chain: nobody can buy them any more.</source>
        <translation>
            <numerusform>%n offer cancelled on chain: nobody can buy it any more.</numerusform>
            <numerusform>%n offers cancelled on chain: nobody can buy them any more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n offer(s) can still be bought on chain (%1): a buyer would pay, get nothing, and wait for a refund.</source>
        <translation>
            <numerusform>%n offer can still be bought on chain (%1): a buyer would pay, get nothing, and wait for a refund.</numerusform>
            <numerusform>%n offers can still be bought on chain (%1): a buyer would pay, get nothing, and wait for a refund.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatasetView</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/dataset_view.py" line="+122"/>
        <source>%Ln records</source>
        <translation>
            <numerusform>%Ln record</numerusform>
            <numerusform>%Ln records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportRow</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/import_row.py" line="+235"/>
        <source>%n seconds left</source>
        <translation>
            <numerusform>%n second left</numerusform>
            <numerusform>%n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>about %n minutes left</source>
        <translation>
            <numerusform>about %n minute left</numerusform>
            <numerusform>about %n minutes left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>about %n hours left</source>
        <translation>
            <numerusform>about %n hour left</numerusform>
            <numerusform>about %n hours left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Added %Ln records</source>
        <translation>
            <numerusform>Added %Ln record</numerusform>
            <numerusform>Added %Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln already there</source>
        <translation>
            <numerusform>%Ln already there</numerusform>
            <numerusform>%Ln already there</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln skipped</source>
        <translation>
            <numerusform>%Ln skipped</numerusform>
            <numerusform>%Ln skipped</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MyOffersTab</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/marketplace_offers.py" line="+192"/>
        <source>%n withdrawn offer(s) can still be bought on chain: choose it and press Cancel offer, so that nobody pays for what will not be delivered.</source>
        <translation>
            <numerusform>%n withdrawn offer can still be bought on chain: choose it and press Cancel offer, so that nobody pays for what will not be delivered.</numerusform>
            <numerusform>%n withdrawn offers can still be bought on chain: choose each and press Cancel offer, so that nobody pays for what will not be delivered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrivacyBox</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/sharing_privacy.py" line="+233"/>
        <source>%1 (%Ln records)</source>
        <translation>
            <numerusform>%1 (%Ln record)</numerusform>
            <numerusform>%1 (%Ln records)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SalesTab</name>
    <message numerus="yes">
        <location filename="../../app/hearth/ui/pages/marketplace_sales.py" line="+114"/>
        <source>%n sale(s) waiting for you to deliver.</source>
        <translation>
            <numerusform>%n sale waiting for you to deliver.</numerusform>
            <numerusform>%n sales waiting for you to deliver.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+36"/>
        <source>%n sale(s) not delivered; see why under Last delivery.</source>
        <translation>
            <numerusform>%n sale not delivered; see why under Last delivery.</numerusform>
            <numerusform>%n sales not delivered; see why under Last delivery.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n sale(s) delivered.</source>
        <translation>
            <numerusform>%n sale delivered.</numerusform>
            <numerusform>%n sales delivered.</numerusform>
        </translation>
    </message>
</context>
</TS>
