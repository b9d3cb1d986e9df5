"""Small Apple Health exports built in code, with the quirks real ones have."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

# iOS 16 shipped this DTD with the VisionPrescription ATTLIST never closed.
IOS16_DOCTYPE = """<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 14 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord|Audiogram|VisionPrescription)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT VisionPrescription (RightEye?, LeftEye?, Attachment*, MetadataEntry*)>
<!ATTLIST VisionPrescription
  type CDATA #REQUIRED
  dateIssued CDATA #REQUIRED
  expirationDate CDATA #IMPLIED
  brand CDATA #IMPLIED
<!ELEMENT RightEye EMPTY>
]>
"""

WATCH = (
    'sourceName="Ana’s Apple Watch" sourceVersion="9.1" device="&lt;&lt;HKDevice: {addr}&gt;, '
    'name:Apple Watch, manufacturer:Apple Inc., model:Watch, hardware:Watch6,2, software:9.1&gt;"'
)


def heart_rate(minute: int, bpm: int, addr: str = "0x283b45a40") -> str:
    stamp = f"2022-10-0{1 + minute // 1440} {minute // 60 % 24:02d}:{minute % 60:02d}:00 +0200"
    return (
        f'<Record type="HKQuantityTypeIdentifierHeartRate" {WATCH.format(addr=addr)} '
        f'unit="count/min" creationDate="{stamp}" startDate="{stamp}" endDate="{stamp}" '
        f'value="{bpm}"/>'
    )


QUIRKY_BODY = """
 <ExportDate value="2022-10-03 09:00:00 +0200"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-02-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
 {hr1}
 {hr2}
 <Record type="HKQuantityTypeIdentifierDietaryEnergyConsumed" sourceName="MyFood\x0bDiary" unit="kcal" creationDate="2022-10-01 12:00:00 +0200" startDate="2022-10-01 12:00:00 +0200" endDate="2022-10-01 12:00:00 +0200" value="650">
  <MetadataEntry key="Meal" value="Lunch"/>
 </Record>
 <Record type="HKQuantityTypeIdentifierDietaryEnergyConsumed" sourceName="MyFood\x0bDiary" unit="kcal" creationDate="2022-10-01 19:00:00 +0200" startDate="2022-10-01 19:00:00 +0200" endDate="2022-10-01 19:00:00 +0200" value="800">
  <MetadataEntry key="meal" value="Dinner"/>
 </Record>
 <Record type="HKQuantityTypeIdentifierHeartRateVariabilitySDNN" {watch} unit="ms" creationDate="2022-10-01 07:00:00 +0200" startDate="2022-10-01 07:00:00 +0200" endDate="2022-10-01 07:01:00 +0200" value="48.5">
  <HeartRateVariabilityMetadataList>
   <InstantaneousBeatsPerMinute bpm="61" time="7:00:01.12 AM"/>
   <InstantaneousBeatsPerMinute bpm="63" time="7:00:02.08 AM"/>
  </HeartRateVariabilityMetadataList>
 </Record>
 <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Omron" unit="mmHg" creationDate="2022-10-02 08:00:00 +0200" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200" value="121"/>
 <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Omron" unit="mmHg" creationDate="2022-10-02 08:00:00 +0200" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200" value="79"/>
 <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" creationDate="2022-10-02 08:00:00 +0200" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200">
  <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Omron" unit="mmHg" creationDate="2022-10-02 08:00:00 +0200" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200" value="121"/>
  <Record type="HKQuantityTypeIdentifierBloodPressureDiastolic" sourceName="Omron" unit="mmHg" creationDate="2022-10-02 08:00:00 +0200" startDate="2022-10-02 08:00:00 +0200" endDate="2022-10-02 08:00:00 +0200" value="79"/>
 </Correlation>
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" {watch} creationDate="2022-10-02 07:00:00 +0200" startDate="2022-10-01 23:30:00 +0200" endDate="2022-10-02 06:45:00 +0200" value="HKCategoryValueSleepAnalysisAsleepCore"/>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="31.5" durationUnit="min" {watch} creationDate="2022-10-02 18:40:00 +0200" startDate="2022-10-02 18:05:00 +0200" endDate="2022-10-02 18:36:30 +0200">
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" startDate="2022-10-02 18:05:00 +0200" endDate="2022-10-02 18:36:30 +0200" sum="5.2" unit="km"/>
  <WorkoutRoute sourceName="Ana’s iPhone" sourceVersion="16.0" creationDate="2022-10-02 18:40:00 +0200" startDate="2022-10-02 18:05:00 +0200" endDate="2022-10-02 18:36:30 +0200">
   <FileReference path="/workout-routes/route_2019-06-11_3.00pm.gpx"/>
  </WorkoutRoute>
 </Workout>
 <ActivitySummary dateComponents="2022-10-02" activeEnergyBurned="512.5" activeEnergyBurnedGoal="500" activeEnergyBurnedUnit="kcal" appleExerciseTime="42" appleExerciseTimeGoal="30" appleStandHours="11" appleStandHoursGoal="12"/>
"""

ECG_CSV = (
    "Name,Ana Example\n"
    'Date of Birth,"2 Feb 1990"\n'
    "Recorded Date,2022-10-02 09:15:03 +0200\n"
    "Classification,Sinus Rhythm\n"
    "Symptoms,\n"
    "Software Version,1.90\n"
    'Device,"Watch6,2"\n'
    "Sample Rate,512 hertz\n"
    "\n"
    "\n"  # Apple leaves two blank lines inside the header, and one after it
    "Lead,Lead I\n"
    "Unit,µV\n"
    "\n"
    "-109,034\n"
    "-115,508\n"
    "12,5\n"
)

CDA = '<?xml version="1.0"?>\n<ClinicalDocument><title>x</title></ClinicalDocument>\n<extra/>\n'


def quirky_xml() -> str:
    watch = WATCH.format(addr="0x1")
    body = QUIRKY_BODY.format(
        hr1=heart_rate(600, 72, "0x283b45a40"),
        hr2=heart_rate(601, 74, "0x1c06b2c80"),
        watch=watch,
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        + IOS16_DOCTYPE
        + '<HealthData locale="es_ES">'
        + body
        + "</HealthData>\n"
    )


def write_quirky_zip(
    path: Path,
    route_gpx: bytes,
    xml_name: str = "exportar.xml",
    more_ecgs: dict[str, str] | None = None,
) -> Path:
    """An export.zip as the Spanish Health app writes it, with every quirk we know of (and
    ``more_ecgs``: ECG files by name, beside the one every export here has)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"apple_health_export/{xml_name}", quirky_xml())
        archive.writestr("apple_health_export/export_cda.xml", CDA)
        archive.writestr(
            "apple_health_export/workout-routes/route_2019-06-11_3.00pm.gpx", route_gpx
        )
        archive.writestr("apple_health_export/electrocardiograms/ecg_2022-10-02.csv", ECG_CSV)
        for name, text in (more_ecgs or {}).items():
            archive.writestr(f"apple_health_export/electrocardiograms/{name}", text)
    return path


def write_heart_rates(path: Path, count: int, seed: int = 7) -> Path:
    """A plain export.xml of ``count`` heart-rate records (for kill and size tests)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + IOS16_DOCTYPE)
        out.write('<HealthData locale="en_US">\n')
        for i in range(count):
            second = i * 7
            stamp = (
                f"2021-{1 + second // 2_592_000 % 12:02d}-{1 + second // 86400 % 28:02d} "
                f"{second // 3600 % 24:02d}:{second // 60 % 60:02d}:{second % 60:02d} -0700"
            )
            out.write(
                f' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" '
                f'unit="count/min" creationDate="{stamp}" startDate="{stamp}" '
                f'endDate="{stamp}" value="{rng.randint(50, 160)}"/>\n'
            )
        out.write("</HealthData>\n")
    return path
