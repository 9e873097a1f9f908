using System.Text.Json;

namespace Samverka.Web.Infrastructure.Audit;

/// <summary>Audit changes in words a Swedish reader understands.</summary>
public static class AuditText
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["Name"] = "Namn",
        ["OrgNumber"] = "Organisationsnummer",
        ["LegalForm"] = "Associationsform",
        ["StreetAddress"] = "Gatuadress",
        ["PostalCode"] = "Postnummer",
        ["City"] = "Ort",
        ["Email"] = "E-post",
        ["Phone"] = "Telefon",
        ["MemberCount"] = "Antal medlemmar",
        ["Remit"] = "Ansvarsområde",
        ["CaseNumberPrefix"] = "Diarieprefix",
        ["IsExecutiveBoard"] = "Kommunstyrelse",
        ["ContactEmail"] = "Kontaktadress",
        ["Slug"] = "Adressnamn",
        ["DisplayName"] = "Namn",
        ["Role"] = "Roll",
        ["MunicipalityId"] = "Kommun",
        ["LockoutEnd"] = "Spärrad till",
        ["TwoFactorEnabled"] = "Tvåstegsverifiering",
        ["UserName"] = "Användarnamn",
        ["Title"] = "Rubrik",
        ["AdoptedOn"] = "Antagen",
        ["DecisionReference"] = "Beslut",
        ["Rules"] = "Regler",
        ["Number"] = "Version",
    };

    public static string Label(string property) => Labels.GetValueOrDefault(property, property);

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Created => "Skapad",
        AuditAction.Updated => "Ändrad",
        AuditAction.Deleted => "Borttagen",
        _ => action.ToString(),
    };

    public static IReadOnlyList<(string Field, string? Before, string? After)> Parse(string changes)
    {
        using var doc = JsonDocument.Parse(changes);
        var list = new List<(string, string?, string?)>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            list.Add((Label(property.Name), Text(property.Value, "before"), Text(property.Value, "after")));
        }

        return list;
    }

    public static string Describe(string changes) =>
        string.Join("; ", Parse(changes).Select(c => $"{c.Field}: {c.Before ?? "–"} → {c.After ?? "–"}"));

    private static string? Text(JsonElement value, string name) =>
        value.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => "ja",
            JsonValueKind.False => "nej",
            JsonValueKind.String => v.GetString(),
            _ => v.GetRawText(),
        } : null;
}
