using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Samverka.Web.Documents;

/// <summary>
/// One table as an Excel workbook (.xlsx) for finance systems and spreadsheets: a bold header row,
/// text as inline strings (never read as a formula), numbers as numbers with two decimals, and
/// dates as real dates shown as ÅÅÅÅ-MM-DD.
/// </summary>
public static class Spreadsheet
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" }) { Count = 1 },
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat(),
                    new CellFormat { FontId = 1, ApplyFont = true },
                    new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 4 });
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(headers.Cast<object?>().ToList(), header: true));
            foreach (var row in rows)
            {
                data.Append(Row(row, header: false));
            }

            sheet.Worksheet = new Worksheet(new Columns(Enumerable.Range(1, headers.Count)
                .Select(i => new Column { Min = (uint)i, Max = (uint)i, Width = 22, CustomWidth = true })), data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(IReadOnlyList<object?> values, bool header)
    {
        var row = new Row();
        foreach (var value in values)
        {
            row.Append(value switch
            {
                decimal d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d), StyleIndex = 2 },
                int i => new Cell { DataType = CellValues.Number, CellValue = new CellValue(i) },
                DateOnly day => new Cell { CellValue = new CellValue((day.ToDateTime(TimeOnly.MinValue) - new DateTime(1899, 12, 30)).TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture)), StyleIndex = 3 },
                null => new Cell(),
                _ => new Cell(new InlineString(new Text(value.ToString()!) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString, StyleIndex = header ? 1U : 0U },
            });
        }

        return row;
    }
}
