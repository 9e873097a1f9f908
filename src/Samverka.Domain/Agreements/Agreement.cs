using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;

namespace Samverka.Domain.Agreements;

public enum AgreementState
{
    /// <summary>Being written; every save is a version.</summary>
    Draft = 1,

    /// <summary>The version sent to decision: frozen until decided or sent back.</summary>
    InDecision = 2,

    /// <summary>Decided; waiting for every signatory.</summary>
    Approved = 3,

    /// <summary>Signed by all: immutable, its hash kept. Changes are amendments.</summary>
    Signed = 4,
}

public enum PartyKind
{
    Municipality = 1,
    Organisation = 2,
}

public static class AgreementTexts
{
    public static string Swedish(this AgreementState state) => state switch
    {
        AgreementState.Draft => "Utkast",
        AgreementState.InDecision => "Skickad till beslut",
        AgreementState.Approved => "Beslutad, väntar på underskrifter",
        AgreementState.Signed => "Undertecknad",
        _ => state.ToString(),
    };
}

/// <summary>A structured part of the document, placed under the section whose heading names it (or appended when none does).</summary>
public enum AgreementPart
{
    None = 0,
    TargetGroup = 1,
    Responsibility = 2,
    Budget = 3,
    Term = 4,
    Cooperation = 5,
    FollowUp = 6,
    Parties = 7,
    Signatures = 8,
}

public static class AgreementParts
{
    /// <summary>Which structured part a section heading calls for: the twelve of Stenungsund and the headings of agreements like Söråker's.</summary>
    public static AgreementPart ForHeading(string heading)
    {
        var h = heading.Trim().ToLowerInvariant();
        return h switch
        {
            _ when h.Contains("målgrupp", StringComparison.Ordinal) => AgreementPart.TargetGroup,
            _ when h.StartsWith("ansvarsfördelning", StringComparison.Ordinal) => AgreementPart.Responsibility,
            _ when h.Contains("ekonomisk fördelning", StringComparison.Ordinal) || h.StartsWith("budget", StringComparison.Ordinal) => AgreementPart.Budget,
            _ when h.StartsWith("tid för avtal", StringComparison.Ordinal) || h.StartsWith("löptid", StringComparison.Ordinal) || h.StartsWith("avtalstid", StringComparison.Ordinal) => AgreementPart.Term,
            _ when h.StartsWith("samverkansformer", StringComparison.Ordinal) || h.StartsWith("styrgrupp", StringComparison.Ordinal) => AgreementPart.Cooperation,
            _ when h.Contains("uppföljning", StringComparison.Ordinal) => AgreementPart.FollowUp,
            _ when h is "parter" or "parterna" => AgreementPart.Parties,
            _ when h.StartsWith("underskrift", StringComparison.Ordinal) => AgreementPart.Signatures,
            _ => AgreementPart.None,
        };
    }

    /// <summary>Parts built entirely from structured data: their sections need no text of their own.</summary>
    public static bool IsGenerated(AgreementPart part) =>
        part is AgreementPart.Budget or AgreementPart.Term or AgreementPart.Cooperation or AgreementPart.Parties or AgreementPart.Signatures;

    /// <summary>The heading a part gets when no section of the guideline names it.</summary>
    public static string DefaultHeading(this AgreementPart part) => part switch
    {
        AgreementPart.Budget => "Budget",
        AgreementPart.Term => "Löptid",
        AgreementPart.Cooperation => "Styrgrupp",
        AgreementPart.Parties => "Parter",
        AgreementPart.Signatures => "Underskrifter",
        _ => part.ToString(),
    };
}

/// <summary>A party to the agreement: a municipality or an organisation, by name as it appears in the document.</summary>
public sealed record AgreementParty(Guid Id, PartyKind Kind, string Name, string? OrgNumber);

/// <summary>One of the guideline's sections, in its order, with its text (editable).</summary>
public sealed record AgreementSection(int Number, string Heading, string Text);

/// <summary>A steering-group member of one party.</summary>
public sealed record SteeringMember(Guid PartyId, string Name, string? Role);

/// <summary>Who signs for a party, and when they signed (a full date).</summary>
public sealed record Signatory(Guid Id, Guid PartyId, string Name, string Title, DateOnly? SignedOn = null, string? RecordedBy = null);

/// <summary>The decision that approved this version (copied from the case, or an amendment's own).</summary>
public sealed record AgreementDecision(string Body, DateOnly MeetingDate, string Paragraph, string CaseNumber);

/// <summary>That the legal and finance functions were consulted before signing (Söderhamn).</summary>
public sealed record Consultation(DateOnly On, string Legal, string Finance, string RecordedBy);

/// <summary>The structured facts the document is built from, besides the sections' text.</summary>
public sealed record AgreementFacts
{
    public string TargetGroup { get; init; } = "";
    public int? AgeFrom { get; init; }
    public int? AgeTo { get; init; }
    public string? DecidingCommittee { get; init; }
    public string? ResponsibleOffice { get; init; }
    public string? ResponsiblePerson { get; init; }
    public string DecisionRule { get; init; } = "Beslut tas av styrgruppen i enhällighet.";
    public string MeetingRhythm { get; init; } = "Ordinarie styrgruppsmöte en gång i månaden om inte annat bestäms; respektive part kan med kort varsel påkalla möte.";
    public string? FollowUpForms { get; init; }

    /// <summary>The statistics the parties follow up (e.g. unika besökare, nätter vandrade, unga i praktik). Left out of the JSON when unset, so older hashes hold.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? KeyFigures { get; init; }

    /// <summary>The month when extension is decided (Söråker: November 2018), as its first day.</summary>
    public DateOnly? ExtensionDecidedIn { get; init; }
}

/// <summary>
/// Everything the agreement says, in one value: what is versioned, hashed, diffed and rendered.
/// Serialised canonically (fixed property order, no whitespace) so the same content always gives the same SHA-256.
/// </summary>
/// <summary>A scanned signed copy as attached: the stored file, its SHA-256, when and by whom, and for a correction what it corrects.</summary>
public sealed record AgreementScan(Guid FileId, string Sha256, DateOnly AttachedOn, string AttachedBy, string? Correction);

public sealed record AgreementContent(
    string Title,
    IReadOnlyList<AgreementParty> Parties,
    IReadOnlyList<AgreementSection> Sections,
    AgreementFacts Facts,
    DateOnly? TermStart,
    DateOnly? TermEnd,
    IReadOnlyList<SteeringMember> SteeringGroup,
    IReadOnlyList<BudgetLine> Budget,
    IReadOnlyList<StatedTotal> StatedTotals,
    IReadOnlyList<Signatory> Signatories)
{
    public static readonly JsonSerializerOptions Canonical = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToCanonicalJson() => JsonSerializer.Serialize(this, Canonical);

    public static AgreementContent FromJson(string json) => JsonSerializer.Deserialize<AgreementContent>(json, Canonical)!;

    /// <summary>SHA-256 over the canonical content, lower-case hex.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToCanonicalJson())));

    public BudgetSummary Summary() => new(Budget, StatedTotals,
        Parties.Where(p => p.Kind == PartyKind.Municipality).Select(p => p.Id).ToHashSet(),
        id => Parties.FirstOrDefault(p => p.Id == id)?.Name ?? "(okänd part)");

    [JsonIgnore]
    public IEnumerable<int> Years => Budget.Select(l => l.Year).Distinct().Order();
}

/// <summary>A saved version of an agreement: its canonical content and hash, who saved it and when.</summary>
public sealed class AgreementVersion : Entity, IMunicipalityOwned
{
    private AgreementVersion() { }

    public AgreementVersion(Agreement agreement, string savedBy, DateTimeOffset savedAt, string? note)
    {
        AgreementId = agreement.Id;
        MunicipalityId = agreement.MunicipalityId;
        Number = agreement.Number;
        Content = agreement.Content.ToCanonicalJson();
        Sha256 = agreement.Content.Sha256();
        (SavedBy, SavedAt, Note) = (savedBy, savedAt, note);
    }

    public Guid AgreementId { get; private set; }
    public Guid MunicipalityId { get; private set; }
    public int Number { get; private set; }
    public string Content { get; private set; } = "";
    public string Sha256 { get; private set; } = "";
    public string SavedBy { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }

    /// <summary>What the save was (for the version list): "Avsnitt 2 ändrat", "Budgetrad tillagd".</summary>
    public string? Note { get; private set; }
}

/// <summary>
/// The agreement (överenskommelse) a case produces. Every save is a version; the version sent to
/// decision is frozen; once all signatories have signed it is immutable and its hash is kept.
/// Later changes are amendments: a new agreement that points at this one, decided and signed on its own.
/// </summary>
public sealed class Agreement : Entity, IMunicipalityOwned, IVersioned, IAudited
{
    private Agreement() { }

    public Guid MunicipalityId { get; private set; }
    public IReadOnlyList<Guid> MunicipalityIds { get; private set; } = [];
    public IReadOnlyList<Guid> OrganisationIds { get; private set; } = [];
    public Guid? CaseId { get; private set; }

    /// <summary>The guideline rules the case was judged under (term limit, renewal, consultation).</summary>
    public GuidelineRules Rules { get; private set; } = new();

    public AgreementContent Content { get; private set; } = null!;
    public AgreementState State { get; private set; } = AgreementState.Draft;

    /// <summary>The number of the latest saved version (1, 2, …).</summary>
    public int Number { get; private set; }

    /// <summary>The version sent to decision (and then signed).</summary>
    public int? FrozenNumber { get; private set; }

    public AgreementDecision? Decision { get; private set; }
    public Consultation? Consultation { get; private set; }

    /// <summary>SHA-256 of the signed content, kept so anyone can verify the document later.</summary>
    public string? SignedSha256 { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    /// <summary>The latest scanned signed copy: the stored file and its hash (the last of <see cref="Scans"/>).</summary>
    public Guid? ScanFileId => Scans.Count > 0 ? Scans[^1].FileId : null;

    public string? ScanSha256 => Scans.Count > 0 ? Scans[^1].Sha256 : null;

    /// <summary>Every scanned copy attached, oldest first: once attached a scan is kept, and a correction is added beside it.</summary>
    public IReadOnlyList<AgreementScan> Scans { get; private set; } = [];

    /// <summary>The signed agreement this one amends (tillägg), and which amendment it is.</summary>
    public Guid? AmendsId { get; private set; }
    public int AmendmentNumber { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public Guid Version { get; set; }

    public bool IsLocked => State is AgreementState.InDecision or AgreementState.Approved or AgreementState.Signed;

    /// <summary>Drafts an agreement from a case: the guideline's sections, the parties, the term, the target group and the deciding body, prefilled.</summary>
    public static Agreement Draft(Guid caseId, Guid municipalityId, IReadOnlyList<Guid> municipalityIds, IReadOnlyList<Guid> organisationIds,
        GuidelineRules rules, string title, IReadOnlyList<AgreementParty> parties, IReadOnlyList<AgreementSection> sections, AgreementFacts facts,
        DateOnly? termStart, DateOnly? termEnd, DateTimeOffset at)
    {
        var agreement = new Agreement
        {
            MunicipalityId = municipalityId,
            MunicipalityIds = municipalityIds,
            OrganisationIds = organisationIds,
            CaseId = caseId,
            Rules = rules,
            CreatedAt = at,
            Content = new(Texts.Required(title, "Ange överenskommelsens rubrik.", "Title", 300), parties, sections, facts, null, null, [], [], [], []),
        };
        if (termStart is { } s && termEnd is { } e)
        {
            agreement.SetTerm(s, e, facts.ExtensionDecidedIn);
        }

        agreement.Number = 1;
        return agreement;
    }

    /// <summary>The default sections of the guideline, prefilled from what the case already knows.</summary>
    public static IReadOnlyList<AgreementSection> SectionsFrom(GuidelineRules rules, IReadOnlyDictionary<string, string> prefill) =>
        (rules.AgreementSections.Count > 0 ? rules.AgreementSections : GuidelinePresets.TwelveSections)
        .Select((heading, i) => new AgreementSection(i + 1, heading, prefill.TryGetValue(heading, out var text) ? text : ""))
        .ToList();

    public void EditSection(int number, string? text)
    {
        EnsureEditable();
        if (Content.Sections.All(s => s.Number != number))
        {
            throw new DomainException("Avsnittet finns inte i överenskommelsen.", "Number");
        }

        var clean = (text ?? "").Replace("\r\n", "\n").Trim();
        if (clean.Length > 20_000)
        {
            throw new DomainException("Högst 20 000 tecken per avsnitt.", "Text");
        }

        Content = Content with { Sections = Content.Sections.Select(s => s.Number == number ? s with { Text = clean } : s).ToList() };
    }

    public void SetFacts(AgreementFacts facts)
    {
        EnsureEditable();
        if (facts.AgeFrom is { } from && facts.AgeTo is { } to && (from < 0 || to > 120 || to < from))
        {
            throw new DomainException("Åldersspannet ska gå från en lägre till en högre ålder, till exempel 14–25 år.", "AgeTo");
        }

        Content = Content with
        {
            Facts = facts with
            {
                TargetGroup = Texts.Required(facts.TargetGroup, "Ange målgruppen.", "TargetGroup", 500),
                DecisionRule = Texts.Required(facts.DecisionRule, "Ange hur styrgruppen beslutar.", "DecisionRule", 500),
                MeetingRhythm = Texts.Required(facts.MeetingRhythm, "Ange hur ofta styrgruppen möts.", "MeetingRhythm", 500),
                DecidingCommittee = Texts.Optional(facts.DecidingCommittee, "DecidingCommittee", 200),
                ResponsibleOffice = Texts.Optional(facts.ResponsibleOffice, "ResponsibleOffice", 200),
                ResponsiblePerson = Texts.Optional(facts.ResponsiblePerson, "ResponsiblePerson", 200),
                FollowUpForms = Texts.Optional(facts.FollowUpForms, "FollowUpForms", 2000),
                KeyFigures = CleanKeyFigures(facts.KeyFigures),
            },
        };
        if (facts.ExtensionDecidedIn is { } month)
        {
            CheckExtensionMonth(month);
        }
    }

    private static IReadOnlyList<string>? CleanKeyFigures(IReadOnlyList<string>? names)
    {
        var clean = (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (clean.Count > 20 || clean.Any(n => n.Length > 100))
        {
            throw new DomainException("Högst 20 nyckeltal, vart och ett högst 100 tecken.", "KeyFigures");
        }

        return clean.Count == 0 ? null : clean;
    }

    /// <summary>The term, within the guideline's maximum; the month extension is decided must lie within the term.</summary>
    public void SetTerm(DateOnly? start, DateOnly? end, DateOnly? extensionDecidedIn)
    {
        EnsureEditable();
        if (start is not { } s)
        {
            throw new DomainException("Ange när överenskommelsen börjar.", "TermStart");
        }

        if (end is not { } e)
        {
            throw new DomainException("Ange när överenskommelsen slutar.", "TermEnd");
        }

        if (s.Year is < 2000 or > 2100 || e.Year is < 2000 or > 2100)
        {
            throw new DomainException("Avtalstiden ska ligga mellan år 2000 och 2100.", s.Year is < 2000 or > 2100 ? "TermStart" : "TermEnd");
        }

        if (e < s)
        {
            throw new DomainException("Slutdatum kan inte vara före startdatum.", "TermEnd");
        }

        try
        {
            Rules.CheckTerm(s, e);
        }
        catch (DomainException ex)
        {
            throw new DomainException(ex.Message, "TermEnd");
        }

        Content = Content with { TermStart = s, TermEnd = e, Facts = Content.Facts with { ExtensionDecidedIn = extensionDecidedIn is { } m ? new DateOnly(m.Year, m.Month, 1) : null } };
        if (extensionDecidedIn is { } month)
        {
            CheckExtensionMonth(month);
        }

        // Budget years outside the new term would be orphaned: refuse rather than silently drop them.
        if (Content.Budget.FirstOrDefault(l => l.Year < s.Year || l.Year > e.Year) is { } outside)
        {
            throw new DomainException($"Budgeten har rader för {outside.Year}, utanför avtalstiden. Ta bort dem först.", "TermEnd");
        }
    }

    /// <summary>When the renewal dialogue should start and the latest renewal, from the guideline.</summary>
    public (DateOnly? DialogueStarts, DateOnly? RenewLatest) RenewalDates() =>
        Content.TermEnd is { } end ? (Rules.RenewalDialogueStarts(end), Rules.RenewLatest(end)) : (null, null);

    /// <summary>Bounds of what a person fills in (a real agreement has a handful of each).</summary>
    public const int MaxSteeringMembers = 30, MaxSignatories = 20, MaxBudgetLines = 300;

    public void SetSteeringGroup(IReadOnlyList<SteeringMember> members)
    {
        EnsureEditable();
        Texts.AtMost(members.Count, MaxSteeringMembers, "SteeringGroup", "ledamöter i styrgruppen");
        var clean = new List<SteeringMember>();
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if (string.IsNullOrWhiteSpace(m.Name))
            {
                continue;
            }

            RequireParty(m.PartyId, $"SteeringGroup[{i}].PartyId");
            clean.Add(new(m.PartyId, Texts.Required(m.Name, "Ange namnet.", $"SteeringGroup[{i}].Name", 200), Texts.Optional(m.Role, $"SteeringGroup[{i}].Role", 200)));
        }

        Content = Content with { SteeringGroup = clean };
    }

    /// <summary>Adds or replaces a budget line; the year must lie in the term.</summary>
    public BudgetLine SaveBudgetLine(BudgetLine line)
    {
        EnsureEditable();
        if (Content.Budget.All(l => l.Id != line.Id))
        {
            Texts.AtMost(Content.Budget.Count + 1, MaxBudgetLines, "Label", "budgetrader");
        }

        RequireParty(line.PartyId, "PartyId");
        if (Content.TermStart is not { } start || Content.TermEnd is not { } end)
        {
            throw new DomainException("Ange avtalstiden innan budgeten läggs upp.", "Year");
        }

        if (line.Year < start.Year || line.Year > end.Year)
        {
            throw new DomainException($"Året ska ligga inom avtalstiden ({start.Year}–{end.Year}).", "Year");
        }

        if (!Enum.IsDefined(line.Category))
        {
            throw new DomainException("Välj vad raden avser.", "Category");
        }

        if (line.StatedAmount is < 0 || line.StatedHours is < 0)
        {
            throw new DomainException("Angivna belopp och timmar kan inte vara negativa.", line.StatedAmount is < 0 ? "StatedAmount" : "StatedHours");
        }

        var clean = line with { Label = Texts.Required(line.Label, "Ange vad raden avser, till exempel Lokaler.", "Label", 200), Note = Texts.Optional(line.Note, "Note", 500) };
        if (Content.Budget.Count(l => l.Id != line.Id) >= 200)
        {
            throw new DomainException("Högst 200 budgetrader per överenskommelse.", "Label");
        }

        Content = Content with
        {
            Budget = Content.Budget.Any(l => l.Id == line.Id)
                ? Content.Budget.Select(l => l.Id == line.Id ? clean : l).ToList()
                : [.. Content.Budget, clean],
        };
        return clean;
    }

    public void RemoveBudgetLine(Guid lineId)
    {
        EnsureEditable();
        if (Content.Budget.All(l => l.Id != lineId))
        {
            throw new DomainException("Budgetraden finns inte.", "LineId");
        }

        Content = Content with { Budget = Content.Budget.Where(l => l.Id != lineId).ToList() };
    }

    /// <summary>A total the transcribed document states for a party and year; null removes it.</summary>
    public void SetStatedTotal(Guid partyId, int year, decimal? amount)
    {
        EnsureEditable();
        RequireParty(partyId, "PartyId");
        if (amount is < 0)
        {
            throw new DomainException("Summan kan inte vara negativ.", "StatedTotal");
        }

        var others = Content.StatedTotals.Where(t => !(t.PartyId == partyId && t.Year == year));
        Content = Content with { StatedTotals = amount is { } a ? [.. others, new StatedTotal(partyId, year, a)] : others.ToList() };
    }

    public void SetSignatories(IReadOnlyList<Signatory> signatories)
    {
        EnsureEditable();
        Texts.AtMost(signatories.Count, MaxSignatories, "Signatories", "undertecknare");
        var clean = new List<Signatory>();
        for (var i = 0; i < signatories.Count; i++)
        {
            var s = signatories[i];
            if (string.IsNullOrWhiteSpace(s.Name) && string.IsNullOrWhiteSpace(s.Title))
            {
                continue;
            }

            RequireParty(s.PartyId, $"Signatories[{i}].PartyId");
            clean.Add(new(s.Id == Guid.Empty ? Guid.CreateVersion7() : s.Id, s.PartyId,
                Texts.Required(s.Name, "Ange namnet.", $"Signatories[{i}].Name", 200), Texts.Required(s.Title, "Ange titeln, till exempel ordförande.", $"Signatories[{i}].Title", 200)));
        }

        Content = Content with { Signatories = clean };
    }

    /// <summary>A new version was saved (the caller stores the snapshot).</summary>
    public int NextVersion() => ++Number;

    /// <summary>
    /// Freezes the current version for the decision: every party has a signatory, the term is
    /// set, both parties finance, no section is empty.
    /// </summary>
    public void SendToDecision()
    {
        if (State != AgreementState.Draft)
        {
            throw new DomainException($"Överenskommelsen är redan {State.Swedish().ToLowerInvariant()}.", null) { IsConflict = true };
        }

        var gaps = Gaps();
        if (gaps.Count > 0)
        {
            throw new DomainException("Överenskommelsen kan inte skickas till beslut: " + string.Join(" ", gaps));
        }

        (State, FrozenNumber) = (AgreementState.InDecision, Number);
    }

    /// <summary>What is missing before the agreement can go to decision, in Swedish.</summary>
    public IReadOnlyList<string> Gaps()
    {
        var gaps = new List<string>();
        if (Content.TermStart is null)
        {
            gaps.Add("Ange avtalstiden.");
        }

        gaps.AddRange(Content.Sections.Where(s => s.Text.Length == 0 && !SaysEnoughWithoutText(s.Heading)).Select(s => $"Avsnittet ”{s.Heading}” är tomt."));
        var summary = Content.Summary();
        if (!summary.BothPartiesFinance)
        {
            gaps.Add("Båda parter ska bidra: budgeten saknar rader för " + (summary.MunicipalTotal == 0 ? "kommunen." : "organisationen."));
        }

        gaps.AddRange(Content.Parties.Where(p => Content.Signatories.All(s => s.PartyId != p.Id)).Select(p => $"Ange vem som skriver under för {p.Name}."));
        return gaps;
    }

    /// <summary>Sections the document builds from structured data (budget, term, steering group, parties, signatures) need no text of their own.</summary>
    public static bool IsGenerated(string heading) => AgreementParts.IsGenerated(AgreementParts.ForHeading(heading));

    /// <summary>A section may be left without text when its structured part says it all (responsibility and follow-up, once those facts are given).</summary>
    private bool SaysEnoughWithoutText(string heading) => AgreementParts.ForHeading(heading) switch
    {
        var part when AgreementParts.IsGenerated(part) => true,
        AgreementPart.Responsibility => Content.Facts.DecidingCommittee is not null || Content.Facts.ResponsibleOffice is not null,
        AgreementPart.FollowUp => Content.Facts.FollowUpForms is not null,
        _ => false,
    };

    /// <summary>The case was sent back: the frozen version thaws, to be edited again.</summary>
    public void ReturnToDraft()
    {
        if (State == AgreementState.InDecision)
        {
            (State, FrozenNumber) = (AgreementState.Draft, null);
        }
    }

    /// <summary>The deciding body approved the frozen version.</summary>
    public void Approve(AgreementDecision decision)
    {
        if (State != AgreementState.InDecision)
        {
            throw new DomainException("Bara en överenskommelse som skickats till beslut kan beslutas.") { IsConflict = true };
        }

        (State, Decision) = (AgreementState.Approved, decision);
    }

    /// <summary>Records that legal and finance functions were consulted (required before signing where the guideline says so).</summary>
    public void RecordConsultation(DateOnly? on, string? legal, string? finance, string actor, DateOnly today)
    {
        if (State == AgreementState.Signed)
        {
            throw Locked();
        }

        if (on is not { } day)
        {
            throw new DomainException("Ange datum för samrådet.", "On");
        }

        if (day > today)
        {
            throw new DomainException("Samrådet kan inte ligga i framtiden.", "On");
        }

        Consultation = new(day, Texts.Required(legal, "Ange vad juridiska funktionen sade (eller vem som tillfrågades).", "Legal", 1000),
            Texts.Required(finance, "Ange vad ekonomifunktionen sade (eller vem som tillfrågades).", "Finance", 1000), actor);
    }

    /// <summary>
    /// One signatory signs on a full date. When all have signed the agreement is signed, its
    /// content immutable and its SHA-256 kept. Returns whether this was the last signature.
    /// </summary>
    public bool Sign(Guid signatoryId, DateOnly? signedOn, string actor, DateOnly today)
    {
        if (State == AgreementState.Signed)
        {
            throw Locked();
        }

        if (State != AgreementState.Approved)
        {
            throw new DomainException("Överenskommelsen kan skrivas under först när den är beslutad.") { IsConflict = true };
        }

        if (Rules.ConsultLegalAndFinance && Consultation is null)
        {
            throw new DomainException("Enligt riktlinjerna ska juridik- och ekonomifunktionerna höras innan överenskommelsen skrivs under.", "Consultation");
        }

        var signatory = Content.Signatories.FirstOrDefault(s => s.Id == signatoryId)
            ?? throw new DomainException("Välj vem som skriver under.", "SignatoryId");
        if (signatory.SignedOn is not null)
        {
            throw new DomainException($"{signatory.Name} har redan skrivit under.", "SignatoryId");
        }

        if (signedOn is not { } day)
        {
            throw new DomainException("Ange ett fullständigt datum för underskriften, till exempel 2026-11-23.", "SignedOn");
        }

        if (day > today || Decision is { } d && day < d.MeetingDate)
        {
            throw new DomainException("Underskriften kan inte dateras i framtiden eller före beslutet.", "SignedOn");
        }

        Content = Content with { Signatories = Content.Signatories.Select(s => s.Id == signatoryId ? s with { SignedOn = day, RecordedBy = actor } : s).ToList() };
        if (Content.Signatories.Any(s => s.SignedOn is null))
        {
            return false;
        }

        (State, SignedOn, SignedSha256) = (AgreementState.Signed, Content.Signatories.Max(s => s.SignedOn), Content.Sha256());
        return true;
    }

    /// <summary>Whether the stored content still matches the hash kept at signing.</summary>
    public bool Verify() => SignedSha256 is { } hash && Content.Sha256() == hash;

    /// <summary>
    /// Keeps a scanned signed copy with its hash. The first needs no reason; a later one is a
    /// correction, says what it corrects, and is added beside the earlier ones, which are kept.
    /// </summary>
    public void AttachScan(Guid fileId, string sha256, string? correction, string actor, DateOnly today)
    {
        if (State != AgreementState.Signed)
        {
            throw new DomainException("Den inskannade kopian bifogas när överenskommelsen är undertecknad.", "File");
        }

        var reason = Texts.Optional(correction, "Correction", 500);
        if (Scans.Count > 0 && reason is null)
        {
            throw new DomainException("En inskannad kopia finns redan och behålls. Ange vad den nya kopian rättar, så läggs den till bredvid.", "Correction");
        }

        if (Scans.Any(x => x.Sha256 == sha256))
        {
            throw new DomainException("Den här filen är redan bifogad.", "File");
        }

        Texts.AtMost(Scans.Count + 1, 20, "File", "inskannade kopior");
        Scans = [.. Scans, new AgreementScan(fileId, sha256, today, actor, Scans.Count == 0 ? null : reason)];
    }

    /// <summary>A change after signing: a new agreement amending this one, a draft to be decided and signed on its own.</summary>
    public Agreement Amend(int amendmentNumber, DateTimeOffset at)
    {
        if (State != AgreementState.Signed)
        {
            throw new DomainException("Bara en undertecknad överenskommelse kan ändras genom tillägg; ändra utkastet direkt.") { IsConflict = true };
        }

        return new Agreement
        {
            MunicipalityId = MunicipalityId,
            MunicipalityIds = MunicipalityIds,
            OrganisationIds = OrganisationIds,
            CaseId = CaseId,
            Rules = Rules,
            CreatedAt = at,
            AmendsId = Id,
            AmendmentNumber = amendmentNumber,
            Number = 1,
            Content = Content with
            {
                Title = $"Tillägg {amendmentNumber} till {Content.Title}",
                Signatories = Content.Signatories.Select(s => s with { Id = Guid.CreateVersion7(), SignedOn = null, RecordedBy = null }).ToList(),
            },
        };
    }

    /// <summary>An amendment's own decision (the original's came from the case).</summary>
    public void RecordAmendmentDecision(AgreementDecision decision)
    {
        if (AmendsId is null)
        {
            throw new DomainException("Överenskommelsens beslut registreras i ärendet.") { IsConflict = true };
        }

        if (State == AgreementState.Draft)
        {
            SendToDecision();
        }

        Approve(decision);
    }

    private void EnsureEditable()
    {
        if (State == AgreementState.Signed)
        {
            throw Locked();
        }

        if (IsLocked)
        {
            throw new DomainException($"Versionen som skickats till beslut är låst ({State.Swedish().ToLowerInvariant()}). Skicka tillbaka ärendet för att ändra den.")
            {
                IsConflict = true,
            };
        }
    }

    private static DomainException Locked() =>
        new("Överenskommelsen är undertecknad och kan inte ändras. Ändringar görs som tillägg.") { IsConflict = true };

    private void CheckExtensionMonth(DateOnly month)
    {
        if (Content.TermStart is { } s && Content.TermEnd is { } e && (new DateOnly(month.Year, month.Month, 1) > e || month.Year * 12 + month.Month < s.Year * 12 + s.Month))
        {
            throw new DomainException("Månaden då förlängning beslutas ska ligga inom avtalstiden.", "ExtensionDecidedIn");
        }
    }

    private void RequireParty(Guid partyId, string field)
    {
        if (Content.Parties.All(p => p.Id != partyId))
        {
            throw new DomainException("Välj en av överenskommelsens parter.", field);
        }
    }
}
