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
        ["Board"] = "Styrelse",
        ["Contacts"] = "Kontaktpersoner",
        ["Position"] = "Uppdrag",
        ["ElectedUntil"] = "Vald till",
        ["CaseByCaseLegalForms"] = "Associationsformer som prövas särskilt",
        ["LegalFormJudgement"] = "Prövning av associationsform",
        ["UserId"] = "Användare",
        ["Met"] = "Uppfyllt",
        ["Reason"] = "Motivering",
        ["By"] = "Av",
        ["At"] = "Tid",
        ["Covers"] = "Gäller stöd",
        ["From"] = "Från steg",
        ["To"] = "Till steg",
        ["Actor"] = "Av",
        ["Date"] = "Datum",
        ["MunicipalityParticipants"] = "Deltagare från kommunen",
        ["OrganisationParticipants"] = "Deltagare från organisationen",
        ["Goal"] = "Mål",
        ["Values"] = "Värdegrund",
        ["Purpose"] = "Syfte",
        ["LoggedBy"] = "Loggat av",
        ["LoggedAt"] = "Loggat",
        ["CommitteeName"] = "Nämnd",
        ["MeetingDate"] = "Sammanträde",
        ["Paragraph"] = "Paragraf",
        ["CaseNumber"] = "Diarienummer",
        ["Text"] = "Text",
        ["Approved"] = "Beviljat",
        ["DecidedBeyondFrame"] = "Beslutat trots överskriden ram",
        ["RecordedBy"] = "Registrerat av",
        ["RecordedAt"] = "Registrerat",
        ["DeletedDayNotes"] = "Raderade daganteckningar",
        ["NotesBefore"] = "Daganteckningar om dagar före",
        ["RetentionMonths"] = "Gallringsfrist (månader)",
        ["Exported"] = "Utlämnade uppgifter",
        ["DayNoteRetentionMonths"] = "Gallringsfrist för daganteckningar (månader)",
        // A running partnership's records (ADR 0012).
        ["Draft"] = "Utkast",
        ["Completion"] = "Komplettering",
        ["Quarter"] = "Kvartal",
        ["SavedOn"] = "Sparad",
        ["SavedBy"] = "Sparad av",
        ["PresentedToCommittee"] = "Presenterad för nämnden",
        ["PresentedToBoard"] = "Presenterad för styrelsen",
        ["DueOn"] = "Förfaller",
        ["PaidOn"] = "Utbetald",
        ["Reference"] = "Referens",
        ["MarkedBy"] = "Markerad av",
        ["Cancelled"] = "Inställd",
        ["AwaitsFollowUpOf"] = "Väntar på uppföljning för",
        ["Description"] = "Beskrivning",
        ["Figures"] = "Nyckeltal",
        ["KeyFigures"] = "Nyckeltal",
        ["SubmittedOn"] = "Inlämnad",
        ["SubmittedBy"] = "Inlämnad av",
        ["Assessment"] = "Bedömning",
        ["AssessmentReason"] = "Skäl",
        ["AssessedBy"] = "Bedömd av",
        ["AssessedOn"] = "Bedömd",
        ["Finances"] = "Ekonomi",
        ["Statements"] = "Resultat- och balansräkning",
        ["Agenda"] = "Dagordning",
        ["Present"] = "Närvarande",
        ["Minutes"] = "Protokoll",
        ["Attachments"] = "Bilagor",
        ["ReferringUnit"] = "Remitterande enhet",
        ["Participants"] = "Deltagare",
        ["Outcome"] = "Utfall",
        ["Activities"] = "Aktiviteter",
        ["FundsUsedSoFar"] = "Använda medel hittills",
        ["Used"] = "Använda medel",
        ["ReportedBy"] = "Redovisat av",
        ["ReportedOn"] = "Redovisat",
        ["Full"] = "Hela beloppet",
        ["Explanation"] = "Förklaring",
        ["ClaimedOn"] = "Krävt",
        ["ClaimedBy"] = "Krävt av",
        ["Status"] = "Status",
        ["SettledOn"] = "Reglerat",
        ["SettledAmount"] = "Reglerat belopp",
        ["RecordedOn"] = "Registrerat",
        ["Area"] = "Område",
        ["Groups"] = "Föreningar och vandrare",
    };

    /// <summary>Properties that hold an enum value; only their values are translated (free text that happens to read "Approved" stays as written).</summary>
    private static readonly HashSet<string> EnumProperties = new(StringComparer.Ordinal) { "LegalForm", "Role", "State", "Kind", "From", "To" };

    /// <summary>Enum values as stored (JSON names) in Swedish, for every enum a user meets in the log.</summary>
    private static readonly Dictionary<string, string> Values = Enum.GetValues<Domain.Organisations.LegalForm>().Select(v => (v.ToString(), Domain.Organisations.LegalForms.Swedish(v)))
        .Concat(Enum.GetValues<Domain.Common.Role>().Select(v => (v.ToString(), Domain.Common.RoleNames.Swedish(v))))
        .Concat(Enum.GetValues<Domain.Cases.CaseState>().Select(v => (v.ToString(), Domain.Cases.CaseTexts.Swedish(v))))
        .Concat(Enum.GetValues<Domain.Funding.SupportKind>().Select(v => (v.ToString(), Domain.Funding.SupportKindTexts.Swedish(v))))
        .Concat(Enum.GetValues<Domain.Cases.SuitabilityAspect>().Select(v => (v.ToString(), Domain.Cases.CaseTexts.Swedish(v))))
        .DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);

    /// <summary>A property name in Swedish; keys of stored maps (suitability aspects) read as their Swedish names.</summary>
    public static string Label(string property) => Labels.GetValueOrDefault(property) ?? Values.GetValueOrDefault(property) ?? property;

    /// <summary>What kind of a partnership's record an entry is about, shown in the partnership's history; null for other records.</summary>
    public static string? RecordName(string entityType) => entityType switch
    {
        nameof(Domain.Partnerships.SteeringMeeting) => "styrgruppsmöte",
        nameof(Domain.Partnerships.Payment) => "utbetalning",
        nameof(Domain.Partnerships.YearlyFollowUp) => "årsuppföljning",
        nameof(Domain.Partnerships.QuarterlyReport) => "kvartalsuppföljning",
        nameof(Domain.Partnerships.CoordinationMeeting) => "samverkansmöte",
        nameof(Domain.Partnerships.TripartiteReview) => "trepartssamtal",
        nameof(Domain.Partnerships.UsageReport) => "redovisning av använda medel",
        nameof(Domain.Partnerships.RepaymentClaim) => "återbetalningskrav",
        nameof(Domain.Partnerships.Surplus) => "överskott",
        nameof(Domain.Partnerships.ActivityEntry) => "aktivitet",
        nameof(Domain.Partnerships.NightWalk) => "nattvandring",
        _ => null,
    };

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Created => "Skapad",
        AuditAction.Updated => "Ändrad",
        AuditAction.Deleted => "Borttagen",
        AuditAction.Exported => "Utlämnad",
        _ => action.ToString(),
    };

    public static IReadOnlyList<(string Field, string? Before, string? After)> Parse(string changes)
    {
        using var doc = JsonDocument.Parse(changes);
        var list = new List<(string, string?, string?)>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            list.Add((Label(property.Name), Text(property.Name, property.Value, "before"), Text(property.Name, property.Value, "after")));
        }

        return list;
    }

    public static string Describe(string changes) =>
        string.Join("; ", Parse(changes).Select(c => $"{c.Field}: {c.Before ?? "–"} → {c.After ?? "–"}"));

    private static string? Text(string property, JsonElement value, string name) =>
        value.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Shorten(Render(property, v)) : null;

    /// <summary>A stored value in words: nested records as "Label: value" pairs, long lists by their count and latest item.</summary>
    private static string Render(string property, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "ja",
        JsonValueKind.False => "nej",
        JsonValueKind.String when EnumProperties.Contains(property) && Values.TryGetValue(v.GetString()!, out var swedish) => swedish,
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.Array when v.GetArrayLength() > 3 => $"{v.GetArrayLength()} poster, den senaste: {Render(property, v[v.GetArrayLength() - 1])}",
        JsonValueKind.Array => "[" + string.Join("; ", v.EnumerateArray().Select(x => Render(property, x))) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", v.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null && p.Name != "Id")
            .Select(p => $"{Label(p.Name)}: {Render(p.Name, p.Value)}")) + "}",
        _ => v.GetRawText(),
    };

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + " …";
}
