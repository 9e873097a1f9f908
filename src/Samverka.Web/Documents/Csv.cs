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
}
