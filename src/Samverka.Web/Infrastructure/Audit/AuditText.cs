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
        ["Idea"] = "Idé",
        ["TargetGroup"] = "Målgrupp",
        ["SimilarWork"] = "Liknande verksamhet",
        ["AmountPerYear"] = "Belopp per år",
        ["TermStart"] = "Avtalstid från",
        ["TermEnd"] = "Avtalstid till",
        ["State"] = "Steg",
        ["OpenedAt"] = "Inkom",
        ["MunicipalityIds"] = "Kommuner",
        ["OrganisationIds"] = "Organisationer",
        ["OrganisationId"] = "Organisation",
        ["GuidelineId"] = "Riktlinjer",
        ["GuidelineNumber"] = "Riktlinjeversion",
        ["RemitCommitteeIds"] = "Nämnder vars ansvarsområde berörs",
        ["Transitions"] = "Händelser",
        ["Meetings"] = "Dialogmöten",
        ["Criteria"] = "Bedömda kriterier",
        ["Suitability"] = "Lämplighetsbedömning",
        ["DoubleFunding"] = "Dubbelfinansiering",
        ["DecidingBody"] = "Beslutande organ",
        ["DecidingCommitteeId"] = "Beslutande nämnd",
        ["Decisions"] = "Beslut",
        ["CommitteeId"] = "Nämnd",
        ["Year"] = "År",
        ["Amount"] = "Belopp",
        ["Kind"] = "Typ",
        ["Activity"] = "Verksamhet",
        ["FromYear"] = "Från år",
        ["ToYear"] = "Till år",
        ["FileName"] = "Filnamn",
        ["Format"] = "Format",
        ["Size"] = "Storlek (byte)",
        ["Sha256"] = "SHA-256",
        ["UploadedAt"] = "Inlämnad",
        ["UploadedBy"] = "Inlämnad av",
        ["CaseId"] = "Ärende",
        ["MeetingId"] = "Dialogmöte",
        ["LockoutEnabled"] = "Kan spärras",
        ["EmailConfirmed"] = "E-post bekräftad",
        ["CreatedAt"] = "Skapad",
    };

    /// <summary>Enum values as stored (JSON names) in Swedish, for every enum a user meets in the log.</summary>
    private static readonly Dictionary<string, string> Values = Enum.GetValues<Domain.Organisations.LegalForm>().Select(v => (v.ToString(), Domain.Organisations.LegalForms.Swedish(v)))
        .Concat(Enum.GetValues<Domain.Common.Role>().Select(v => (v.ToString(), Domain.Common.RoleNames.Swedish(v))))
        .Concat(Enum.GetValues<Domain.Cases.CaseState>().Select(v => (v.ToString(), Domain.Cases.CaseTexts.Swedish(v))))
        .Concat(Enum.GetValues<Domain.Funding.SupportKind>().Select(v => (v.ToString(), Domain.Funding.SupportKindTexts.Swedish(v))))
        .DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

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
            JsonValueKind.String => v.GetString() is { } text && Values.TryGetValue(text, out var swedish) ? swedish : v.GetString(),
            JsonValueKind.Array when v.GetArrayLength() > 3 => $"{v.GetArrayLength()} poster, den senaste: {Shorten(v[v.GetArrayLength() - 1].GetRawText())}",
            _ => Shorten(v.GetRawText()),
        } : null;

    private static string Shorten(string json) => json.Length <= 400 ? json : json[..400] + " …";
}
