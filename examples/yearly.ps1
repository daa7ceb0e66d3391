<#
.SYNOPSIS
  รอบปีของเจ้าหน้าที่ไอทีบน Windows: ตรวจไฟล์ของทุกหน่วยงาน สรุปเป็นไฟล์ Excel ไฟล์เดียว
  สร้างรายงานและ PDF ทุกฉบับ และเตรียมไฟล์ของปีถัดไป

.DESCRIPTION
  ทำเหมือน examples/yearly.sh ทีละขั้น:
    1. ita-report check --json    -> pending.json (สิ่งที่แต่ละหน่วยงานยังต้องทำ)
    2. ita-report summary          -> summary.xlsx (และ summary.txt)
    3. ita-report build --pdf      -> รายงาน .docx และ .pdf ทุกฉบับ คงโครงสร้างโฟลเดอร์ไว้ (และ build.json)
    4. ita-report init --from      -> ไฟล์ของปีถัดไปในโฟลเดอร์ next-ปีถัดไป
  ไฟล์ที่ไม่ถูกต้องไม่หยุดไฟล์อื่น: ทำครบทุกไฟล์ก่อน แล้วจึงจบด้วยรหัส 2 ถ้ามีไฟล์ใดผิด

  ข้อความภาษาไทยผ่านระหว่าง ita-report กับ PowerShell เป็น UTF-8 ไม่ว่า console จะใช้ code page ใด
  และไฟล์ JSON ที่ได้เป็น UTF-8 ไม่มี BOM เหมือนบน Linux

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File examples\yearly.ps1 -Workbooks D:\ITA\agencies -Year 2568

  รายงานอยู่ใน D:\ITA\reports\2568 และไฟล์ของปีถัดไปใน D:\ITA\reports\next-2569

.EXAMPLE
  .\examples\yearly.ps1 -Workbooks D:\ITA\agencies -Year 2568 -Reports E:\ITA -Roster D:\ITA\roster.csv
#>
param(
  # โฟลเดอร์ที่มีไฟล์ Excel ของทุกหน่วยงาน (ค้นในโฟลเดอร์ย่อยด้วย)
  [Parameter(Mandatory = $true)][string]$Workbooks,
  # ปีงบประมาณ พ.ศ. เช่น 2568
  [Parameter(Mandatory = $true)][int]$Year,
  # โฟลเดอร์ของรายงาน (ค่าเริ่มต้น: โฟลเดอร์ reports ข้างโฟลเดอร์ Workbooks)
  [string]$Reports = "",
  # รายชื่อหน่วยงานที่ต้องส่ง (.csv หรือ .xlsx) สำหรับ summary --roster
  [string]$Roster = $env:ROSTER
)

$itaReport = if ($env:ITA_REPORT) { $env:ITA_REPORT } else { "ita-report" }
$Workbooks = (Resolve-Path -LiteralPath $Workbooks).Path.TrimEnd('\', '/')
if (-not $Reports) { $Reports = Join-Path (Split-Path -Parent $Workbooks) "reports" }
$yearDir = Join-Path $Reports "$Year"
New-Item -ItemType Directory -Force -Path $yearDir | Out-Null

# Thai both ways as UTF-8: what ita-report prints, and what PowerShell reads from it.
$utf8 = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = $utf8
$OutputEncoding = $utf8
$env:PYTHONIOENCODING = "utf-8"

function Save-Lines([string]$Path, $Lines) {
  # UTF-8 without a BOM (Windows PowerShell's > would write UTF-16).
  [System.IO.File]::WriteAllLines($Path, [string[]]@($Lines), $utf8)
}

# 1. What is still pending, for the follow-up letters (1 = something pending: not a failure).
$pending = & $itaReport check $Workbooks --json
$checkStatus = $LASTEXITCODE
Save-Lines (Join-Path $yearDir "pending.json") $pending
if ($checkStatus -gt 1) {
  Write-Warning "มีไฟล์ที่ไม่ถูกต้อง: ดูข้อผิดพลาดใน $(Join-Path $yearDir 'pending.json')"
}

# 2. The province's summary workbook: who is behind, every pending method, by indicator.
$rosterOption = @()
if ($Roster) { $rosterOption = @("--roster", $Roster) }
$summary = & $itaReport summary $Workbooks -o (Join-Path $yearDir "summary.xlsx") @rosterOption --quiet
$summaryStatus = $LASTEXITCODE
Save-Lines (Join-Path $yearDir "summary.txt") $summary

# 3. Every report, as .docx and .pdf, keeping the agencies' folder layout.
$built = & $itaReport build $Workbooks --out-dir $yearDir --pdf --json
$buildStatus = $LASTEXITCODE
Save-Lines (Join-Path $yearDir "build.json") $built

# 4. Next year's workbooks, from each valid one, for the clerks to start from in October.
$nextYear = $Year + 1
$nextDir = Join-Path $Reports "next-$nextYear"
$rollStatus = 0
$found = Get-ChildItem -LiteralPath $Workbooks -Recurse -File |
  Where-Object {
    $_.Extension -in @(".xlsx", ".xlsm", ".xls", ".ods") -and
    $_.Name -notlike '~$*' -and $_.Name -notlike '.~lock*'
  } |
  Sort-Object FullName
foreach ($workbook in $found) {
  $relative = $workbook.FullName.Substring($Workbooks.Length).TrimStart('\', '/')
  $target = Join-Path $nextDir ([System.IO.Path]::ChangeExtension($relative, ".xlsx"))
  New-Item -ItemType Directory -Force -Path (Split-Path -Parent $target) | Out-Null
  & $itaReport init $target --from $workbook.FullName --year $nextYear --force | Out-Null
  if ($LASTEXITCODE -ne 0) { $rollStatus = 2 }
}

Write-Host "รายงานอยู่ใน $yearDir (summary.xlsx, build.json, pending.json); ไฟล์ของปีถัดไปอยู่ใน $nextDir"
if ($checkStatus -gt 1 -or $summaryStatus -ne 0 -or $buildStatus -ne 0 -or $rollStatus -ne 0) {
  exit 2
}
exit 0
