namespace Samverka.Web.Documents;

/// <summary>CSV as Swedish Excel reads it: semicolon-separated, and no cell a spreadsheet would run as a formula.</summary>
public static class Csv
{
    public static string Cell(string? text)
    {
        var value = text ?? "";
        // A leading = + - @ would be read as a formula by spreadsheet programs.
        if (value.Length > 0 && "=+-@".Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.Contains(';') || value.Contains('"') || value.Contains('\n') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    /// <summary>A table as CSV with a header row: text as cells, dates as ÅÅÅÅ-MM-DD, amounts with a decimal comma, as Swedish Excel reads them.</summary>
    public static string Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var csv = new System.Text.StringBuilder(string.Join(";", headers.Select(Cell)) + "\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(";", row.Select(value => value switch
            {
                null => "",
                DateOnly d => Domain.Formatting.Swedish.Date(d),
                decimal m => m.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("sv-SE")),
                int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Cell(value.ToString()),
            }))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>The CSV as a download: UTF-8 with a byte-order mark, so Excel reads å, ä and ö right.</summary>
    public static byte[] Bytes(string csv) => System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(csv)).ToArray();
}
