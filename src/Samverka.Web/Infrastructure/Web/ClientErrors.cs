using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Samverka.Web.Infrastructure.Web;

/// <summary>
/// A request the client got wrong (invalid JSON, a value of the wrong type, a missing body, an
/// unsupported content type, a body too large, a route or query value that does not parse)
/// answers an RFC 7807 problem in Swedish naming the field, and is logged as a warning without a
/// stack trace, with the client's text cut short and control characters escaped. It is not an
/// error of the application, so it is not logged as one.
/// </summary>
public sealed partial class ClientErrorHandler(IProblemDetailsService problems, ILogger<ClientErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || !Pipeline.IsApi(http))
        {
            return false; // pages show their Swedish error page
        }

        var (status, field, message) = Describe(bad);
        logger.LogWarning("Client error {Status} on {Method} {Path}: {Reason}", status, http.Request.Method,
            LogText.Safe(http.Request.Path.Value), LogText.Safe(bad.InnerException?.Message ?? bad.Message));
        http.Response.StatusCode = status;
        ProblemDetails problem = field is null
            ? new ProblemDetails { Status = status, Title = Title(status), Detail = message }
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] }) { Status = status, Title = Title(status), Detail = message };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }

    private static string Title(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "För stor förfrågan",
        StatusCodes.Status415UnsupportedMediaType => "Formatet stöds inte",
        _ => "Felaktig förfrågan",
    };

    internal static (int Status, string? Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (413, null, "Förfrågan är för stor. Dela upp den eller skicka en mindre fil.");
        }

        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : null;
            var type = ConvertedTo().Match(json.Message) is { Success: true } m ? m.Groups[1].Value : null;
            return type is not null && field is not null
                ? (400, field, $"Värdet har fel typ: ange {Expected(type)}.")
                : (400, field ?? "", $"Kroppen är inte giltig JSON (rad {(json.LineNumber ?? 0) + 1}, tecken {(json.BytePositionInLine ?? 0) + 1}).");
        }

        var text = bad.Message;
        if (text.StartsWith("Expected a supported JSON media type", StringComparison.Ordinal))
        {
            return (415, null, "Skicka kroppen som JSON, med Content-Type: application/json.");
        }

        if (text.StartsWith("Expected a supported form media type", StringComparison.Ordinal))
        {
            return (415, null, "Skicka formuläret som multipart/form-data.");
        }

        if ((text.StartsWith("Required parameter", StringComparison.Ordinal) && text.Contains("from body", StringComparison.Ordinal))
            || text.Contains("no body was provided", StringComparison.Ordinal))
        {
            return (400, "", "Förfrågan saknar sin JSON-kropp.");
        }

        if (BindFailed().Match(text) is { Success: true } bind)
        {
            return (400, bind.Groups[2].Value, $"Värdet kan inte läsas: ange {Expected(bind.Groups[1].Value)}.");
        }

        return (bad.StatusCode, null, "Förfrågan kunde inte tolkas.");
    }

    private static string Expected(string type) => (NullableOf().Match(type) is { Success: true } inner ? inner.Groups[1].Value : type)
        .TrimEnd('?').Split('.')[^1].Split('`')[0] switch
    {
        "Guid" => "ett id (GUID), till exempel 0190c5e2-6f1e-7c3a-9d4b-2a1e5f6c7d8e",
        "Int32" or "Int64" or "Int16" or "int" or "long" => "ett heltal",
        "Decimal" or "Double" or "Single" or "decimal" or "double" => "ett tal",
        "DateOnly" => "ett datum, ÅÅÅÅ-MM-DD",
        "DateTimeOffset" or "DateTime" => "en tidpunkt, till exempel 2026-11-23T09:00:00+01:00",
        "Boolean" or "bool" => "true eller false",
        "String" or "string" => "en text",
        "List" or "IReadOnlyList" or "IEnumerable" or "String[]" or "Guid[]" => "en lista",
        _ => "ett av de tillåtna värdena",
    };

    [GeneratedRegex(@"Nullable(?:`1\[+|<)([\w.]+)")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"could not be converted to ([\w.`\[\]?,]+)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex("""Failed to bind parameter "([\w.?<>\[\]]+) (\w+)" from""")]
    private static partial Regex BindFailed();
}

/// <summary>Text from a client, as it may go into a log: at most 200 characters, control and format characters escaped.</summary>
public static class LogText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var cut = text.Length > 200 ? text[..200] : text;
        var safe = new StringBuilder(cut.Length + 16);
        foreach (var c in cut)
        {
            safe.Append(char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.Length > 200 ? safe.Append($"… ({text.Length} tecken)").ToString() : safe.ToString();
    }
}
