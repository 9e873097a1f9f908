using System.Text.RegularExpressions;
using Samverka.Domain.Common;
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

public sealed record DialogueMeeting(DateOnly Date, string Participants, string AgreedOn);

public sealed record Judgement(bool Met, string Reason);

public sealed record CaseDecision(Guid CommitteeId, DateOnly MeetingDate, string Paragraph, string CaseNumber, string Text, bool Approved);

/// <summary>
/// One case from initiative to decision, judged under the guideline version it was opened
/// with. Every move is a method that refuses, with a Swedish reason, what the guidelines do not
/// allow yet; <see cref="NextSteps"/> lists what must happen before the next move.
/// </summary>
public sealed class Case : Entity, IMunicipalityOwned
{
    private static readonly Regex CaseNumberPattern = new(@"^[A-ZÅÄÖ]{1,10} \d{4}/\d{1,6}$", RegexOptions.Compiled);
    private readonly List<CaseTransition> _transitions = [];
    private readonly List<DialogueMeeting> _meetings = [];
    private readonly List<Guid> _organisations = [];
    private readonly Dictionary<int, Judgement> _criteria = [];
    private readonly Dictionary<SuitabilityAspect, Judgement> _suitability = [];

    private Case(Guid municipalityId, GuidelineRules rules, string title, string idea, string targetGroup)
    {
        MunicipalityId = municipalityId;
        Rules = rules;
        Title = title;
        Idea = idea;
        TargetGroup = targetGroup;
    }

    public Guid MunicipalityId { get; }

    /// <summary>The rules of the guideline version the case is judged under; later versions do not change them.</summary>
    public GuidelineRules Rules { get; }

    public string Title { get; }
    public string Idea { get; }
    public string TargetGroup { get; }
    public CaseState State { get; private set; } = CaseState.Initiative;
    public DateOnly? TermStart { get; private set; }
    public DateOnly? TermEnd { get; private set; }
    public Judgement? Remit { get; private set; }
    public CaseDecision? Decision { get; private set; }
    public IReadOnlyList<Guid> Organisations => _organisations;
    public IReadOnlyList<CaseTransition> Transitions => _transitions;
    public IReadOnlyList<DialogueMeeting> Meetings => _meetings;
    public IReadOnlyDictionary<int, Judgement> Criteria => _criteria;
    public IReadOnlyDictionary<SuitabilityAspect, Judgement> Suitability => _suitability;
    public bool IsOpen => State is not (CaseState.Approved or CaseState.Rejected or CaseState.Withdrawn);

    /// <summary>An initiative from an organisation (or registered by an official on its behalf).</summary>
    public static Case Open(Guid municipalityId, GuidelineRules rules, Guid organisationId, string title, string idea, string targetGroup,
        bool doesSimilarWorkAlready, string actor, DateTimeOffset at)
    {
        title = Required(title, "Ange en rubrik för initiativet.", nameof(Title));
        idea = Required(idea, "Beskriv idén: vad ska göras, för vem och varför.", nameof(Idea));
        targetGroup = Required(targetGroup, "Ange målgruppen, till exempel ungdomar 14–25 år.", nameof(TargetGroup));
        if (rules.RequiresExistingSimilarActivity && !doesSimilarWorkAlready)
        {
            throw new DomainException("Enligt riktlinjerna ska organisationen redan bedriva liknande verksamhet.", "DoesSimilarWorkAlready");
        }

        var c = new Case(municipalityId, rules, title, idea, targetGroup);
        c._organisations.Add(organisationId);
        c._transitions.Add(new(CaseState.Initiative, CaseState.Initiative, at, actor, "Initiativ registrerat"));
        return c;
    }

    /// <summary>Several organisations may join one case (Stenungsund is positive to that).</summary>
    public void AddParty(Guid organisationId)
    {
        RequireState("lägga till parter", CaseState.Initiative, CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft);
        if (!_organisations.Contains(organisationId))
        {
            _organisations.Add(organisationId);
        }
    }

    public void StartDialogue(string actor, DateTimeOffset at) => Move(CaseState.Initiative, CaseState.Dialogue, actor, at, null);

    public void LogMeeting(DateOnly date, string participants, string agreedOn)
    {
        RequireState("logga dialogmöten", CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft);
        _meetings.Add(new(date, Required(participants, "Ange vilka som deltog från båda parter.", "Participants"),
            Required(agreedOn, "Ange vad parterna enades om (mål, värdegrund, syfte).", "AgreedOn")));
    }

    public void BeginEligibility(string actor, DateTimeOffset at)
    {
        if (_meetings.Count == 0)
        {
            throw new DomainException("Logga minst ett dialogmöte innan förutsättningarna prövas.");
        }

        Move(CaseState.Dialogue, CaseState.Eligibility, actor, at, null);
    }

    /// <summary>Judges criterion number <paramref name="number"/> (1-based, in the guideline's order).</summary>
    public void JudgeCriterion(int number, bool met, string reason)
    {
        RequireState("bedöma förutsättningarna", CaseState.Eligibility);
        if (number < 1 || number > Rules.Criteria.Count)
        {
            throw new DomainException($"Riktlinjerna har {Rules.Criteria.Count} kriterier.", "Criterion");
        }

        _criteria[number] = new(met, Required(reason, "Motivera bedömningen.", "Reason"));
    }

    /// <summary>The activity lies within the municipality's remit and follows Swedish law.</summary>
    public void JudgeRemit(bool within, string reason)
    {
        RequireState("bedöma förutsättningarna", CaseState.Eligibility);
        Remit = new(within, Required(reason, "Motivera bedömningen.", "Reason"));
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

    public void AssessSuitability(SuitabilityAspect aspect, bool favourable, string reason)
    {
        RequireState("göra lämplighetsbedömningen", CaseState.Suitability);
        _suitability[aspect] = new(favourable, Required(reason, "Motivera bedömningen.", "Reason"));
    }

    public void BeginDraft(string actor, DateTimeOffset at)
    {
        RequireState("gå vidare till utkast", CaseState.Suitability);
        var missing = Enum.GetValues<SuitabilityAspect>().Where(a => !_suitability.ContainsKey(a)).Select(a => a.Swedish()).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException("Bedöm också: " + string.Join("; ", missing) + ".");
        }

        Move(CaseState.Suitability, CaseState.Draft, actor, at, null);
    }

    /// <summary>The intended term, checked against the guideline's longest term.</summary>
    public void SetTerm(DateOnly start, DateOnly end)
    {
        RequireState("ange avtalstid", CaseState.Initiative, CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft);
        Rules.CheckTerm(start, end);
        (TermStart, TermEnd) = (start, end);
    }

    /// <summary>Sends the case to the deciding body: the term is set and every required document is handed in.</summary>
    public void SendToDecision(IReadOnlyList<DocumentRequirement> documents, string actor, DateTimeOffset at)
    {
        RequireState("skicka ärendet till beslut", CaseState.Draft);
        var gaps = DecisionGaps(documents);
        if (gaps.Count > 0)
        {
            throw new DomainException(string.Join(" ", gaps));
        }

        Move(CaseState.Draft, CaseState.Decision, actor, at, null);
    }

    public void RecordDecision(CaseDecision decision, string actor, DateTimeOffset at)
    {
        RequireState("registrera beslut", CaseState.Decision);
        if (!CaseNumberPattern.IsMatch(decision.CaseNumber ?? ""))
        {
            throw new DomainException("Diarienumret skrivs som KS 2026/123.", "CaseNumber");
        }

        if (string.IsNullOrWhiteSpace(decision.Paragraph))
        {
            throw new DomainException("Ange beslutsparagrafen (§).", "Paragraph");
        }

        var text = Required(decision.Text, "Ange beslutets text.", "Text");
        Decision = decision with { Text = text };
        Move(CaseState.Decision, decision.Approved ? CaseState.Approved : CaseState.Rejected, actor, at, decision.Approved ? "Beviljat" : "Avslaget");
    }

    /// <summary>Back to dialogue for more work, with the reason.</summary>
    public void ReturnForMoreWork(string reason, string actor, DateTimeOffset at)
    {
        RequireState("skicka tillbaka ärendet", CaseState.Eligibility, CaseState.Suitability, CaseState.Draft, CaseState.Decision);
        reason = Required(reason, "Ange varför ärendet skickas tillbaka.", "Reason");
        _transitions.Add(new(State, CaseState.Dialogue, at, actor, reason));
        State = CaseState.Dialogue;
    }

    public void Withdraw(string reason, string actor, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainException($"Ärendet är redan avslutat ({State.Swedish().ToLowerInvariant()}).");
        }

        reason = Required(reason, "Ange varför ärendet återtas.", "Reason");
        _transitions.Add(new(State, CaseState.Withdrawn, at, actor, reason));
        State = CaseState.Withdrawn;
    }

    /// <summary>What must happen before the case can move on, in Swedish, for the "what next" list.</summary>
    public IReadOnlyList<string> NextSteps(IReadOnlyList<DocumentRequirement>? documents = null) => State switch
    {
        CaseState.Initiative => ["Inled dialogen med organisationen."],
        CaseState.Dialogue => _meetings.Count == 0
            ? ["Logga minst ett dialogmöte om gemensam målbild, värdegrund och syfte."]
            : ["Pröva förutsättningarna enligt riktlinjerna."],
        CaseState.Eligibility => EligibilityGaps() is { Count: > 0 } gaps ? gaps : ["Gå vidare till lämplighetsbedömningen."],
        CaseState.Suitability => Enum.GetValues<SuitabilityAspect>().Where(a => !_suitability.ContainsKey(a))
            .Select(a => $"Bedöm: {a.Swedish()}.").DefaultIfEmpty("Gå vidare till utkast till överenskommelse.").ToList(),
        CaseState.Draft => DecisionGaps(documents ?? []) is { Count: > 0 } gaps ? gaps : ["Skicka ärendet till beslut."],
        CaseState.Decision => ["Registrera beslutet med sammanträdesdatum, paragraf och diarienummer."],
        _ => [],
    };

    private List<string> EligibilityGaps()
    {
        var gaps = new List<string>();
        for (var i = 1; i <= Rules.Criteria.Count; i++)
        {
            if (!_criteria.TryGetValue(i, out var j))
            {
                gaps.Add($"Kriterium {i} är inte bedömt.");
            }
            else if (!j.Met)
            {
                gaps.Add($"Kriterium {i} är inte uppfyllt.");
            }
        }

        if (Remit is null)
        {
            gaps.Add("Bedöm om verksamheten ligger inom kommunens verksamhetsområde och följer svensk lag.");
        }
        else if (!Remit.Met)
        {
            gaps.Add("Verksamheten ligger inte inom kommunens verksamhetsområde.");
        }

        return gaps;
    }

    private List<string> DecisionGaps(IReadOnlyList<DocumentRequirement> documents)
    {
        var gaps = new List<string>();
        if (TermStart is null)
        {
            gaps.Add("Ange avtalstiden.");
        }

        gaps.AddRange(documents.Where(d => !d.Present).Select(d => $"Handlingen ”{d.Kind}” saknas."));
        return gaps;
    }

    private void Move(CaseState from, CaseState to, string actor, DateTimeOffset at, string? reason)
    {
        if (State != from)
        {
            throw new DomainException($"Ärendet är i steget {State.Swedish().ToLowerInvariant()}; det här kan bara göras i steget {from.Swedish().ToLowerInvariant()}.");
        }

        _transitions.Add(new(from, to, at, actor, reason));
        State = to;
    }

    private void RequireState(string what, params CaseState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new DomainException($"Det går inte att {what} när ärendet är i steget {State.Swedish().ToLowerInvariant()}.");
        }
    }

    private static string Required(string? value, string message, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException(message, field) : value.Trim();
}
