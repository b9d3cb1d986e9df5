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
</TS>
