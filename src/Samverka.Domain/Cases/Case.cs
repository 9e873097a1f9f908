using System.Text.RegularExpressions;
using Samverka.Domain.Common;
using Samverka.Domain.Formatting;
using Samverka.Domain.Funding;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Cases;

/// <summary>Where a case (ärende) is on the road from initiative to decision.</summary>
public enum CaseState
{
    Initiative = 1,
    Dialogue = 2,
    Eligibility = 3,
    Suitability = 4,
    Draft = 5,
    Decision = 6,
    Approved = 7,
    Rejected = 8,
    Withdrawn = 9,
}

/// <summary>The four aspects of the suitability assessment (lämplighetsbedömning).</summary>
public enum SuitabilityAspect
{
    Capacity = 1,        // kapacitet att genomföra avtalet
    OwnResources = 2,    // hur egna kompetenser och resurser tas tillvara
    Dissemination = 3,   // hur resultat sprids i organisationen, kommunen och till andra
    Innovation = 4,      // nytänkande
}

public static class CaseTexts
{
    public static string Swedish(this CaseState state) => state switch
    {
        CaseState.Initiative => "Initiativ",
        CaseState.Dialogue => "Dialog",
        CaseState.Eligibility => "Förutsättningar",
        CaseState.Suitability => "Lämplighetsbedömning",
        CaseState.Draft => "Utkast till överenskommelse",
        CaseState.Decision => "Beslut",
        CaseState.Approved => "Beviljat",
        CaseState.Rejected => "Avslaget",
        CaseState.Withdrawn => "Återtaget",
        _ => state.ToString(),
    };

    public static string Swedish(this SuitabilityAspect aspect) => aspect switch
    {
        SuitabilityAspect.Capacity => "Kapacitet att genomföra överenskommelsen",
        SuitabilityAspect.OwnResources => "Hur organisationens egna kompetenser och resurser tas tillvara",
        SuitabilityAspect.Dissemination => "Hur resultat sprids i organisationen, kommunen och till andra",
        SuitabilityAspect.Innovation => "Nytänkande",
        _ => aspect.ToString(),
    };
}

public sealed record CaseTransition(CaseState From, CaseState To, DateTimeOffset At, string Actor, string? Reason);

/// <summary>What an organisation proposes (or an official registers on its behalf).</summary>
public sealed record Initiative(
    string Title, string Idea, string TargetGroup, string? SimilarWork, DateOnly? TermStart, DateOnly? TermEnd, decimal? AmountPerYear);

/// <summary>A dialogue meeting: who took part on each side and what they agreed on goal, values (värdegrund) and purpose.</summary>
public sealed record DialogueMeeting(
    Guid Id, DateOnly Date, string MunicipalityParticipants, string OrganisationParticipants,
    string? Goal, string? Values, string? Purpose, string LoggedBy, DateTimeOffset LoggedAt);

/// <summary>A judgement with its reason, who made it and when.</summary>
/// <param name="Covers">For a double-funding judgement: the other support it judged (new support needs a new judgement).</param>
public sealed record Judgement(bool Met, string Reason, string By, DateTimeOffset At, IReadOnlyList<Guid>? Covers = null);

/// <summary>One municipality's decision (each participating municipality decides for itself).</summary>
public sealed record CaseDecision(
    Guid MunicipalityId, Guid CommitteeId, string CommitteeName, DateOnly MeetingDate, string Paragraph, string CaseNumber,
    string Text, bool Approved, bool DecidedBeyondFrame, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>What a decision says, as entered; the case adds who recorded it and when.</summary>
public sealed record DecisionInput(
    Guid MunicipalityId, Guid CommitteeId, string CommitteeName, DateOnly? MeetingDate, string? Paragraph, string? CaseNumber,
    string? Text, bool Approved, bool DecideBeyondFrame);

/// <summary>
/// One case from initiative to decision, judged under the guideline version it was opened
/// with (its rules are copied in and never change). Every move is a method that refuses, with
/// a Swedish reason, what the guidelines do not allow yet; <see cref="NextSteps"/> lists what
/// must happen before the next move.
/// </summary>
public sealed class Case : Entity, IMunicipalityOwned, IVersioned, IAudited
{
    public const int MaxText = 4000;
    private static readonly Regex CaseNumberPattern = new(@"^(?=.{1,30}$)[A-ZÅÄÖ]{1,10}(-[A-ZÅÄÖ]{1,10})? [0-9]{4}/[0-9]{1,6}$", RegexOptions.Compiled);

    private Case() { }

    /// <summary>The municipality that leads the case (its guidelines apply).</summary>
    public Guid MunicipalityId { get; private set; }

    /// <summary>Every participating municipality, the leading one first.</summary>
    public IReadOnlyList<Guid> MunicipalityIds { get; private set; } = [];

    /// <summary>The organisations that are parties, the one that took the initiative first.</summary>
    public IReadOnlyList<Guid> OrganisationIds { get; private set; } = [];

    public Guid GuidelineId { get; private set; }
    public int GuidelineNumber { get; private set; }

    /// <summary>The rules of the guideline version the case is judged under; later versions do not change them.</summary>
    public GuidelineRules Rules { get; private set; } = new();

    public string Title { get; private set; } = "";

    /// <summary>The title lower-cased, for searching the same way on every database (SQLite's lower() knows no å ä ö).</summary>
    public string SearchText { get; private set; } = "";
    public string Idea { get; private set; } = "";
    public string TargetGroup { get; private set; } = "";

    /// <summary>The similar work the organisation already does (Stenungsund requires it).</summary>
    public string? SimilarWork { get; private set; }

    /// <summary>The municipality's money per year, roughly at first and exact once the budget is agreed.</summary>
    public decimal? AmountPerYear { get; private set; }

    public DateOnly? TermStart { get; private set; }
    public DateOnly? TermEnd { get; private set; }
    public CaseState State { get; private set; } = CaseState.Initiative;
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The committees whose remit the activity falls in (decides who decides under Söderhamn's rule).</summary>
    public IReadOnlyList<Guid> RemitCommitteeIds { get; private set; } = [];

    public IReadOnlyList<CaseTransition> Transitions { get; private set; } = [];
    public IReadOnlyList<DialogueMeeting> Meetings { get; private set; } = [];
    public IReadOnlyDictionary<int, Judgement> Criteria { get; private set; } = new Dictionary<int, Judgement>();
    public Judgement? Remit { get; private set; }
    public IReadOnlyDictionary<SuitabilityAspect, Judgement> Suitability { get; private set; } = new Dictionary<SuitabilityAspect, Judgement>();

    /// <summary>Legal forms of the parties that the guidelines accept only case by case (Söderhamn: ekonomisk förening), in Swedish.</summary>
    public IReadOnlyList<string> CaseByCaseLegalForms { get; private set; } = [];

    /// <summary>The case-by-case judgement of those legal forms, with its reason.</summary>
    public Judgement? LegalFormJudgement { get; private set; }

    /// <summary>The official's judgement of flagged other support: Met means it is not the same activity.</summary>
    public Judgement? DoubleFunding { get; private set; }

    /// <summary>Who decides, derived from the guideline when the case was sent to decision, with the reason.</summary>
    public DecidingBodyChoice? DecidingBody { get; private set; }

    /// <summary>The deciding committee's id, as a column of its own so committed money per committee can be summed.</summary>
    public Guid? DecidingCommitteeId { get; private set; }

    public IReadOnlyList<CaseDecision> Decisions { get; private set; } = [];
    public Guid Version { get; set; }

    public bool IsOpen => State is not (CaseState.Approved or CaseState.Rejected or CaseState.Withdrawn);

    /// <summary>An initiative from an organisation (or registered by an official on its behalf) under the municipality's current guidelines.</summary>
    /// <summary>Opens a case on an initiative; every field the initiative gets wrong is refused at once.</summary>
    public static Case Open(Guideline guideline, Guid organisationId, LegalForm legalForm, Initiative initiative, string actor, DateTimeOffset at)
    {
        var checks = new Checks();
        var c = new Case
        {
            MunicipalityId = guideline.MunicipalityId,
            MunicipalityIds = [guideline.MunicipalityId],
            OrganisationIds = [organisationId],
            GuidelineId = guideline.Id,
            GuidelineNumber = guideline.Number,
            Rules = guideline.Rules,
            OpenedAt = at,
        };
        c.Describe(initiative, checks);
        checks.Try(() => c.CheckLegalForm(legalForm));
        checks.ThrowIfAny();
        c.Transitions = [new(CaseState.Initiative, CaseState.Initiative, at, actor, "Initiativ registrerat")];
        return c;
    }

    /// <summary>
    /// What an initiative gets wrong whatever the municipality's guidelines say (texts, term, amount),
    /// for a form that is refused for another reason too, so the user sees every error at once.
    /// </summary>
    public static void Check(Initiative initiative, Checks checks) => new Case().Describe(initiative, checks);

    private void Describe(Initiative initiative, Checks checks)
    {
        Title = checks.Take(() => Texts.Required(initiative.Title, "Ange en rubrik för initiativet.", nameof(Title), 200), "");
        Idea = checks.Take(() => Texts.Required(initiative.Idea, "Beskriv idén: vad ska göras, för vem och varför.", nameof(Idea), MaxText), "");
        TargetGroup = checks.Take(() => Texts.Required(initiative.TargetGroup, "Ange målgruppen, till exempel ungdomar 14–25 år.", nameof(TargetGroup), 500), "");
        SimilarWork = checks.Take(() => Texts.Optional(initiative.SimilarWork, nameof(SimilarWork), MaxText), null);
        SearchText = Title.ToLowerInvariant();
        if (Rules.RequiresExistingSimilarActivity && string.IsNullOrWhiteSpace(initiative.SimilarWork))
        {
            checks.Add(new DomainException("Enligt riktlinjerna ska organisationen redan bedriva liknande verksamhet. Beskriv den.", nameof(SimilarWork)));
        }

        checks.Try(() => SetMoney(initiative.AmountPerYear));
        if (initiative.TermStart is not null || initiative.TermEnd is not null)
        {
            checks.Try(() => SetTerm(initiative.TermStart, initiative.TermEnd));
        }
    }

    /// <summary>
    /// Several organisations may join one case when they want the same partnership. A party joins
    /// before eligibility is examined; judgements already made (after a return to dialogue) are
    /// about the former parties, so they are cleared to be made again.
    /// </summary>
    public void AddParty(Guid organisationId, LegalForm legalForm, string name, string actor, DateTimeOffset at)
    {
        if (State is not (CaseState.Initiative or CaseState.Dialogue))
        {
            throw new DomainException("Parter läggs till före prövningen av förutsättningarna. Skicka tillbaka ärendet till dialog först.", "OrgNumber");
        }

        if (OrganisationIds.Contains(organisationId))
        {
            throw new DomainException("Organisationen är redan part i ärendet.", "OrgNumber");
        }

        CheckLegalForm(legalForm);
        OrganisationIds = [.. OrganisationIds, organisationId];
        var judged = Criteria.Count > 0 || Suitability.Count > 0 || LegalFormJudgement is not null || DoubleFunding is not null;
        (Criteria, Suitability, LegalFormJudgement, DoubleFunding) = (new Dictionary<int, Judgement>(), new Dictionary<SuitabilityAspect, Judgement>(), null, null);
        Transitions = [.. Transitions, new(State, State, at, actor,
            $"{name} blev part i ärendet" + (judged ? "; förutsättningar och lämplighet bedöms på nytt" : ""))];
    }

    /// <summary>Refuses a legal form the guidelines do not accept; notes one they accept only case by case.</summary>
    private void CheckLegalForm(LegalForm form)
    {
        var accepted = Rules.Accepts(form)
            ?? throw new DomainException($"Riktlinjerna godtar inte associationsformen {form.Swedish().ToLowerInvariant()} för IOP.", "OrganisationId");
        if (accepted.CaseByCase && !CaseByCaseLegalForms.Contains(form.Swedish()))
        {
            CaseByCaseLegalForms = [.. CaseByCaseLegalForms, form.Swedish()];
        }
    }

    /// <summary>The case-by-case judgement of a legal form the guidelines accept only after particular examination.</summary>
    public void JudgeLegalForm(bool acceptable, string? reason, string actor, DateTimeOffset at)
    {
        RequireState("pröva associationsformen", CaseState.Eligibility);
        if (CaseByCaseLegalForms.Count == 0)
        {
            throw new DomainException("Parternas associationsformer kräver ingen särskild prövning.", "LegalFormAccepted");
        }

        LegalFormJudgement = new(acceptable, Texts.Required(reason, "Motivera prövningen av associationsformen.", "LegalFormReason", 2000), actor, at);
    }

    /// <summary>Another municipality takes part; it sees the case and records its own decision.</summary>
    public void AddMunicipality(Guid municipalityId)
    {
        RequireState("lägga till kommuner", PreDecision);
        if (!MunicipalityIds.Contains(municipalityId))
        {
            MunicipalityIds = [.. MunicipalityIds, municipalityId];
        }
    }

    public void StartDialogue(string actor, DateTimeOffset at) => Move(CaseState.Initiative, CaseState.Dialogue, actor, at, null);

    public DialogueMeeting LogMeeting(DateOnly? date, string? municipalityParticipants, string? organisationParticipants,
        string? goal, string? values, string? purpose, string actor, DateTimeOffset at)
    {
        RequireState("logga dialogmöten", CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft);
        if (date is not { } day)
        {
            throw new DomainException("Ange mötets datum.", "Date");
        }

        if (day > Swedish.DayOf(at))
        {
            throw new DomainException("Ett möte som inte har hållits än kan inte loggas.", "Date");
        }

        var meeting = new DialogueMeeting(Guid.CreateVersion7(), day,
            Texts.Required(municipalityParticipants, "Ange vilka som deltog från kommunen.", "MunicipalityParticipants", 1000),
            Texts.Required(organisationParticipants, "Ange vilka som deltog från organisationen.", "OrganisationParticipants", 1000),
            Texts.Optional(goal, "Goal", MaxText), Texts.Optional(values, "Values", MaxText), Texts.Optional(purpose, "Purpose", MaxText), actor, at);
        if (meeting.Goal is null && meeting.Values is null && meeting.Purpose is null)
        {
            throw new DomainException("Skriv vad parterna enades om: mål, värdegrund eller syfte.", "Goal");
        }

        Meetings = [.. Meetings, meeting];
        return meeting;
    }

    public void BeginEligibility(string actor, DateTimeOffset at)
    {
        if (State == CaseState.Dialogue && Meetings.Count == 0)
        {
            throw new DomainException("Logga minst ett dialogmöte innan förutsättningarna prövas.");
        }

        Move(CaseState.Dialogue, CaseState.Eligibility, actor, at, null);
    }

    /// <summary>Judges criterion number <paramref name="number"/> (1-based, in the guideline's order).</summary>
    public void JudgeCriterion(int number, bool met, string? reason, string actor, DateTimeOffset at)
    {
        RequireState("bedöma förutsättningarna", CaseState.Eligibility);
        if (number < 1 || number > Rules.Criteria.Count)
        {
            throw new DomainException($"Riktlinjerna har {Rules.Criteria.Count} kriterier.", "Criterion");
        }

        var judgement = new Judgement(met, Texts.Required(reason, $"Motivera bedömningen av kriterium {number}.", $"Reason{number}", 2000), actor, at);
        Criteria = new Dictionary<int, Judgement>(Criteria) { [number] = judgement };
    }

    /// <summary>The activity lies within the municipality's remit and follows Swedish law.</summary>
    public void JudgeRemit(bool within, string? reason, string actor, DateTimeOffset at)
    {
        RequireState("bedöma förutsättningarna", CaseState.Eligibility);
        Remit = new(within, Texts.Required(reason, "Motivera bedömningen av kommunens kompetens.", "RemitReason", 2000), actor, at);
    }

    public void BeginSuitability(string actor, DateTimeOffset at)
    {
        RequireState("gå vidare till lämplighetsbedömning", CaseState.Eligibility);
        var missing = EligibilityGaps();
        if (missing.Count > 0)
        {
            throw new DomainException("Alla förutsättningar måste vara uppfyllda: " + string.Join(" ", missing));
        }

        Move(CaseState.Eligibility, CaseState.Suitability, actor, at, null);
    }

    public void AssessSuitability(SuitabilityAspect aspect, bool favourable, string? reason, string actor, DateTimeOffset at)
    {
        RequireState("göra lämplighetsbedömningen", CaseState.Suitability);
        if (!Enum.IsDefined(aspect))
        {
            throw new DomainException("Okänd aspekt av lämplighetsbedömningen.", "Aspect");
        }

        var judgement = new Judgement(favourable, Texts.Required(reason, $"Motivera bedömningen: {aspect.Swedish().ToLowerInvariant()}.", $"Reason{aspect}", 2000), actor, at);
        Suitability = new Dictionary<SuitabilityAspect, Judgement>(Suitability) { [aspect] = judgement };
    }

    public void BeginDraft(string actor, DateTimeOffset at)
    {
        RequireState("gå vidare till utkast", CaseState.Suitability);
        var missing = Enum.GetValues<SuitabilityAspect>().Where(a => !Suitability.ContainsKey(a)).Select(a => a.Swedish()).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("Bedöm också: " + string.Join("; ", missing) + ".");
        }

        if (Suitability.Values.All(j => !j.Met))
        {
            throw new DomainException("Ingen del av lämplighetsbedömningen talar för ett partnerskap. Skicka tillbaka ärendet eller avsluta det.");
        }

        Move(CaseState.Suitability, CaseState.Draft, actor, at, null);
    }

    /// <summary>The intended term, checked against the guideline's longest term.</summary>
    public void SetTerm(DateOnly? start, DateOnly? end)
    {
        RequireState("ange avtalstid", PreDecision);
        if (start is not { } s)
        {
            throw new DomainException("Ange när överenskommelsen ska börja.", "TermStart");
        }

        if (end is not { } e)
        {
            throw new DomainException("Ange när överenskommelsen ska sluta.", "TermEnd");
        }

        if (s.Year is < 2000 or > 2100 || e.Year is < 2000 or > 2100)
        {
            throw new DomainException("Avtalstiden ska ligga mellan år 2000 och 2100.", s.Year is < 2000 or > 2100 ? "TermStart" : "TermEnd");
        }

        try
        {
            Rules.CheckTerm(s, e);
        }
        catch (DomainException ex)
        {
            throw new DomainException(ex.Message, "TermEnd");
        }

        (TermStart, TermEnd) = (s, e);
    }

    /// <summary>The municipality's money per year (rough at first).</summary>
    public void SetMoney(decimal? amountPerYear)
    {
        RequireState("ändra beloppet", PreDecision);
        if (amountPerYear is < 0 or > 1_000_000_000m)
        {
            throw new DomainException("Beloppet ska vara mellan 0 kr och 1 miljard kr per år.", nameof(AmountPerYear));
        }

        AmountPerYear = amountPerYear is { } a ? decimal.Round(a, 2) : null;
    }

    /// <summary>The committees whose remit the activity falls in (they must belong to the leading municipality; the caller checks).</summary>
    public void SetRemitCommittees(IReadOnlyCollection<Guid> committeeIds)
    {
        RequireState("ange ansvarig nämnd", PreDecision);
        Texts.AtMost(committeeIds.Count, 20, "RemitCommitteeIds", "ansvariga nämnder");
        RemitCommitteeIds = committeeIds.Distinct().ToList();
    }

    /// <summary>
    /// Whether the flagged other support pays for the same activity. The judgement covers the
    /// support flagged now; support flagged later needs a new one. A ban in the guidelines makes
    /// "same activity" a stop.
    /// </summary>
    public void JudgeDoubleFunding(bool sameActivity, string? reason, IReadOnlyList<DoubleFundingFlag> flags, string actor, DateTimeOffset at)
    {
        RequireState("bedöma dubbelfinansiering", CaseState.Eligibility, CaseState.Suitability, CaseState.Draft);
        if (flags.Count == 0)
        {
            throw new DomainException("Inget annat stöd liknar ärendets verksamhet; det finns inget att bedöma.", "SameActivity");
        }

        DoubleFunding = new(!sameActivity, Texts.Required(reason, "Motivera bedömningen av dubbelfinansiering.", "DoubleFundingReason", 2000), actor, at,
            flags.Select(f => f.SupportId).Distinct().ToList());
    }

    /// <summary>
    /// Sends the case to the deciding body the guideline names: the term and money are set,
    /// every required document is handed in and current, and any other support from another
    /// committee for the same activity is judged (and, where banned, found not to be the same).
    /// </summary>
    public void SendToDecision(IReadOnlyList<DocumentRequirement> documents, DecidingBodyChoice decidingBody,
        IReadOnlyList<DoubleFundingFlag> flags, string actor, DateTimeOffset at)
    {
        RequireState("skicka ärendet till beslut", CaseState.Draft);
        var gaps = DecisionGaps(documents, flags);
        if (gaps.Count > 0)
        {
            throw new DomainException(string.Join(" ", gaps));
        }

        (DecidingBody, DecidingCommitteeId) = (decidingBody, decidingBody.CommitteeId);
        Move(CaseState.Draft, CaseState.Decision, actor, at, $"Till {decidingBody.CommitteeName.ToLowerInvariant()} för beslut");
    }

    /// <summary>
    /// Records one municipality's decision. A refusal ends the case; it is approved when every
    /// participating municipality has approved. An approval beyond the committee's IOP frame
    /// needs the explicit statement that the body decided so anyway.
    /// </summary>
    public CaseDecision RecordDecision(DecisionInput input, BudgetOutlook outlook, string actor, DateTimeOffset at)
    {
        CheckDecisionStep();
        if (!MunicipalityIds.Contains(input.MunicipalityId))
        {
            throw new DomainException("Kommunen deltar inte i ärendet.", "MunicipalityId");
        }

        if (Decisions.Any(d => d.MunicipalityId == input.MunicipalityId))
        {
            throw new DomainException("Kommunens beslut är redan registrerat.");
        }

        if (input.MunicipalityId == MunicipalityId && DecidingBody is { } body && input.CommitteeId != body.CommitteeId)
        {
            throw new DomainException($"Enligt riktlinjerna beslutar {body.CommitteeName.ToLowerInvariant()}.", "CommitteeId");
        }

        if (input.MeetingDate is not { } meeting)
        {
            throw new DomainException("Ange sammanträdets datum.", "MeetingDate");
        }

        if (meeting > Swedish.DayOf(at))
        {
            throw new DomainException("Ett beslut kan inte registreras före sammanträdet.", "MeetingDate");
        }

        var paragraph = Texts.Required(input.Paragraph, "Ange beslutsparagrafen, till exempel § 214.", "Paragraph", 20);
        if (!paragraph.StartsWith('§'))
        {
            paragraph = "§ " + paragraph;
        }

        var caseNumber = NormaliseCaseNumber(input.CaseNumber, "CaseNumber");

        var text = Texts.Required(input.Text, "Ange beslutets text.", "Text", MaxText);
        if (input.Approved && input.MunicipalityId == MunicipalityId && outlook.Exceeded.Count > 0 && !input.DecideBeyondFrame)
        {
            throw new DomainException(
                "Beslutet överskrider nämndens ram för IOP " + string.Join(", ", outlook.Exceeded.Select(y => $"{y.Year} med {Formatting.Swedish.Kronor(-y.Remaining!.Value)}")) +
                ". Markera att nämnden beslutar trots att ramen överskrids, eller sänk beloppet.", "DecideBeyondFrame");
        }

        var decision = new CaseDecision(input.MunicipalityId, input.CommitteeId, input.CommitteeName, meeting, paragraph, caseNumber, text,
            input.Approved, input.Approved && outlook.Exceeded.Count > 0 && input.MunicipalityId == MunicipalityId, actor, at);
        Decisions = [.. Decisions, decision];
        if (!input.Approved)
        {
            Move(CaseState.Decision, CaseState.Rejected, actor, at, $"Avslaget av {input.CommitteeName.ToLowerInvariant()} {caseNumber}");
        }
        else if (MunicipalityIds.All(m => Decisions.Any(d => d.MunicipalityId == m && d.Approved)))
        {
            Move(CaseState.Decision, CaseState.Approved, actor, at, $"Beviljat av {input.CommitteeName.ToLowerInvariant()} {caseNumber}");
        }
        else
        {
            Transitions = [.. Transitions, new(CaseState.Decision, CaseState.Decision, at, actor, $"Beviljat av {input.CommitteeName.ToLowerInvariant()} {caseNumber}; övriga kommuners beslut återstår")];
        }

        return decision;
    }

    /// <summary>A diarienummer as registers write it (KS 2026/123): spaces collapsed, upper case; anything else is refused.</summary>
    public static string NormaliseCaseNumber(string? input, string field)
    {
        var caseNumber = string.Join(' ', (input ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        return CaseNumberPattern.IsMatch(caseNumber) ? caseNumber : throw new DomainException("Diarienumret skrivs som KS 2026/123.", field);
    }

    /// <summary>Refuses, with the reason, when the case is not waiting for a decision.</summary>
    public void CheckDecisionStep() => RequireState("registrera beslut", CaseState.Decision);

    /// <summary>Back to dialogue for more work, with the reason. Judgements made so far stay, to be revised.</summary>
    public void ReturnForMoreWork(string? reason, string actor, DateTimeOffset at)
    {
        RequireState("skicka tillbaka ärendet", CaseState.Eligibility, CaseState.Suitability, CaseState.Draft, CaseState.Decision);
        if (Decisions.Count > 0)
        {
            throw new DomainException("En kommun har redan beslutat; ärendet kan inte skickas tillbaka.");
        }

        reason = Texts.Required(reason, "Ange varför ärendet skickas tillbaka.", "Reason", 2000);
        Transitions = [.. Transitions, new(State, CaseState.Dialogue, at, actor, reason)];
        State = CaseState.Dialogue;
        (DecidingBody, DecidingCommitteeId) = (null, null);
    }

    public void Withdraw(string? reason, string actor, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainException($"Ärendet är redan avslutat ({State.Swedish().ToLowerInvariant()}).");
        }

        reason = Texts.Required(reason, "Ange varför ärendet återtas.", "Reason", 2000);
        Transitions = [.. Transitions, new(State, CaseState.Withdrawn, at, actor, reason)];
        State = CaseState.Withdrawn;
    }

    /// <summary>What must happen before the case can move on, in Swedish, for the "what next" list.</summary>
    public IReadOnlyList<string> NextSteps(IReadOnlyList<DocumentRequirement>? documents = null, IReadOnlyList<DoubleFundingFlag>? flags = null) => State switch
    {
        CaseState.Initiative => ["Inled dialogen med organisationen.", .. DocumentsWarning(documents)],
        CaseState.Dialogue => Meetings.Count == 0
            ? ["Logga minst ett dialogmöte om gemensam målbild, värdegrund och syfte.", .. DocumentsWarning(documents)]
            : ["Pröva förutsättningarna enligt riktlinjerna.", .. DocumentsWarning(documents)],
        CaseState.Eligibility => [.. EligibilityGaps() is { Count: > 0 } gaps ? gaps : ["Gå vidare till lämplighetsbedömningen."], .. DocumentsWarning(documents)],
        CaseState.Suitability => [.. Enum.GetValues<SuitabilityAspect>().Where(a => !Suitability.ContainsKey(a))
            .Select(a => $"Bedöm: {a.Swedish()}.").DefaultIfEmpty("Gå vidare till utkast till överenskommelse."), .. DocumentsWarning(documents)],
        CaseState.Draft => DecisionGaps(documents ?? [], flags ?? []) is { Count: > 0 } gaps ? gaps : ["Skicka ärendet till beslut."],
        CaseState.Decision => MunicipalityIds.Where(m => Decisions.All(d => d.MunicipalityId != m))
            .Select(m => m == MunicipalityId
                ? $"Registrera beslutet i {DecidingBody?.CommitteeName.ToLowerInvariant() ?? "den beslutande nämnden"} med sammanträdesdatum, paragraf och diarienummer."
                : "Registrera den deltagande kommunens beslut.")
            .ToList(),
        _ => [],
    };

    /// <summary>Before the draft step the case may move on without them, but the official is told which required documents are still missing.</summary>
    private static IEnumerable<string> DocumentsWarning(IReadOnlyList<DocumentRequirement>? documents) =>
        documents?.Where(d => !d.Present || !d.Current).Select(d => d.Kind).ToList() is { Count: > 0 } missing
            ? [$"Observera: organisationen har ännu inte lämnat in {(missing.Count == 1 ? "en aktuell handling" : $"{missing.Count} aktuella handlingar")} som krävs före beslut ({string.Join(", ", missing.Take(4))}{(missing.Count > 4 ? " …" : "")})."]
            : [];

    /// <summary>
    /// The next steps as the organisation reads them: where the case stands (the municipality's
    /// work, not the organisation's), then each required document it can still hand in.
    /// </summary>
    public IReadOnlyList<string> OrganisationSteps(IReadOnlyList<DocumentRequirement> documents) =>
    [
        ForTheOrganisation(),
        .. PreDecision.Contains(State) || State == CaseState.Decision
            ? documents.Where(d => !d.Present).Select(d => $"Lämna in {d.Kind.ToLowerInvariant()}.")
                .Concat(documents.Where(d => d.Present && !d.Current).Select(d => $"Lämna in en aktuell {d.Kind.ToLowerInvariant()} (den senaste gäller {d.LatestYear})."))
            : [],
    ];

    /// <summary>Where the case stands, for the organisation that took the initiative.</summary>
    public string ForTheOrganisation() => State switch
    {
        CaseState.Initiative => "Initiativet är registrerat. Kommunen hör av sig för att inleda en dialog med er.",
        CaseState.Dialogue => "Ni och kommunen för en dialog om gemensam målbild, värdegrund och syfte.",
        CaseState.Eligibility or CaseState.Suitability => "Kommunen prövar förutsättningarna enligt sina riktlinjer. Den kan behöva fråga er om mer.",
        CaseState.Draft => "Kommunen skriver ett utkast till överenskommelse som ni går igenom tillsammans.",
        CaseState.Decision => $"Ärendet väntar på beslut i {DecidingBody?.CommitteeName.ToLowerInvariant() ?? "den beslutande nämnden"}.",
        CaseState.Approved => "Ärendet är beviljat. Överenskommelsen skrivs under av båda parter.",
        CaseState.Rejected => "Ärendet har avslagits.",
        _ => "Ärendet är avslutat.",
    };

    /// <summary>A criterion as it reads in the guidelines, shortened for a list.</summary>
    private string Criterion(int number)
    {
        var text = Rules.Criteria[number - 1].Trim().TrimEnd('.');
        return text.Length <= 100 ? text + "." : text[..text.LastIndexOf(' ', 98)] + " …";
    }

    /// <summary>The municipality's money per calendar year of the term, in proportion to the days of each year the term covers.</summary>
    public IReadOnlyList<(int Year, decimal Amount)> YearlyAmounts() =>
        TermStart is { } start && TermEnd is { } end && AmountPerYear is { } perYear ? Budgets.PerYear(start, end, perYear) : [];

    private static readonly CaseState[] PreDecision = [CaseState.Initiative, CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft];

    private List<string> EligibilityGaps()
    {
        var gaps = new List<string>();
        for (var i = 1; i <= Rules.Criteria.Count; i++)
        {
            if (!Criteria.TryGetValue(i, out var j))
            {
                gaps.Add($"Bedöm kriterium {i}: {Criterion(i)}");
            }
            else if (!j.Met)
            {
                gaps.Add($"Kriterium {i} är inte uppfyllt: {Criterion(i)}");
            }
        }

        if (CaseByCaseLegalForms.Count > 0 && LegalFormJudgement is null)
        {
            gaps.Add($"Pröva i det enskilda fallet om associationsformen ({string.Join(", ", CaseByCaseLegalForms).ToLowerInvariant()}) kan godtas.");
        }
        else if (LegalFormJudgement is { Met: false })
        {
            gaps.Add("Associationsformen har inte godtagits i prövningen.");
        }

        if (Remit is null)
        {
            gaps.Add("Bedöm om verksamheten ligger inom kommunens kompetens och följer svensk lag.");
        }
        else if (!Remit.Met)
        {
            gaps.Add("Verksamheten ligger inte inom kommunens kompetens.");
        }

        return gaps;
    }

    private List<string> DecisionGaps(IReadOnlyList<DocumentRequirement> documents, IReadOnlyList<DoubleFundingFlag> flags)
    {
        var gaps = new List<string>();
        if (TermStart is null)
        {
            gaps.Add("Ange avtalstiden.");
        }

        if (AmountPerYear is null)
        {
            gaps.Add("Ange kommunens belopp per år.");
        }

        if (Rules.DecidingBody == DecidingBodyRule.CommitteeByRemit && MunicipalityIds.Count == 1 && RemitCommitteeIds.Count == 0)
        {
            gaps.Add("Ange vilken nämnds ansvarsområde verksamheten hör till.");
        }

        gaps.AddRange(documents.Where(d => !d.Present).Select(d => $"Handlingen ”{d.Kind}” saknas."));
        gaps.AddRange(documents.Where(d => d.Present && !d.Current).Select(d => $"Handlingen ”{d.Kind}” är inaktuell (senast från {d.LatestYear})."));
        if (flags.Count > 0)
        {
            if (DoubleFunding is null)
            {
                gaps.Add("Organisationen får annat stöd från kommunen för liknande verksamhet: bedöm om det är dubbelfinansiering.");
            }
            else if (flags.Any(f => DoubleFunding.Covers?.Contains(f.SupportId) != true))
            {
                gaps.Add("Annat stöd har tillkommit sedan dubbelfinansieringen bedömdes: bedöm på nytt.");
            }
            else if (!DoubleFunding.Met && Rules.DoubleFundingBanned)
            {
                gaps.Add("Organisationen får redan stöd för samma verksamhet från en annan nämnd; riktlinjerna tillåter inte dubbelfinansiering.");
            }
        }

        return gaps;
    }

    private void Move(CaseState from, CaseState to, string actor, DateTimeOffset at, string? reason)
    {
        if (State != from)
        {
            throw new DomainException($"Ärendet är i steget {State.Swedish().ToLowerInvariant()}; det här kan bara göras i steget {from.Swedish().ToLowerInvariant()}.");
        }

        Transitions = [.. Transitions, new(from, to, at, actor, reason)];
        State = to;
    }

    private void RequireState(string what, params CaseState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new DomainException($"Det går inte att {what} när ärendet är i steget {State.Swedish().ToLowerInvariant()}.");
        }
    }
}
