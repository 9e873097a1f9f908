using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Tests;

public sealed class CaseTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Municipality = Guid.NewGuid();
    private static readonly Guid Soraker = Guid.NewGuid();

    private static Case Stenungsund(bool similarWork = true) =>
        Case.Open(Municipality, GuidelinePresets.Stenungsund, Soraker, "Arbetsträning för unga", "Unga 14–25 år skolas in i föreningens verksamhet med handledare.",
            "Ungdomar 14–25 år", similarWork, "Åsa Öberg", At);

    private static IReadOnlyList<DocumentRequirement> AllDocuments(bool complete = true) =>
        DocumentCompleteness.Against(GuidelinePresets.Stenungsund.RequiredDocuments,
            GuidelinePresets.Stenungsund.RequiredDocuments.Skip(complete ? 0 : 1).Select(k => (k, 2025)), 2026);

    private static Case ThroughEligibility()
    {
        var c = Stenungsund();
        c.StartDialogue("Henrik Handläggare", At);
        c.LogMeeting(new DateOnly(2026, 9, 1), "Henrik Handläggare (kommunen); Åsa Öberg, Per Persson (föreningen)", "Gemensam målbild: fler unga i meningsfull sysselsättning.");
        c.BeginEligibility("Henrik Handläggare", At);
        for (var i = 1; i <= 9; i++)
        {
            c.JudgeCriterion(i, true, $"Uppfyllt enligt dialogmötet, punkt {i}.");
        }

        c.JudgeRemit(true, "Förebyggande arbete för unga ligger inom kommunens verksamhetsområde.");
        return c;
    }

    [Fact]
    public void Stenungsund_requires_the_organisation_to_already_do_similar_work()
    {
        var e = Assert.Throws<DomainException>(() => Stenungsund(similarWork: false));
        Assert.Contains("liknande verksamhet", e.Message);
        Case.Open(Municipality, GuidelinePresets.Soderhamn, Soraker, "Läxläsning", "Läxläsning för nyanlända", "Barn 7–15 år", false, "x", At);
    }

    [Fact]
    public void The_whole_road_from_initiative_to_an_approved_decision_under_Stenungsunds_guidelines()
    {
        var c = ThroughEligibility();
        c.BeginSuitability("Henrik Handläggare", At);
        foreach (var aspect in Enum.GetValues<SuitabilityAspect>())
        {
            c.AssessSuitability(aspect, true, "Föreningen har drivit arbetsträning sedan 2015.");
        }

        c.BeginDraft("Henrik Handläggare", At);
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2031, 12, 31));
        c.SendToDecision(AllDocuments(), "Henrik Handläggare", At);
        Assert.Equal(["Registrera beslutet med sammanträdesdatum, paragraf och diarienummer."], c.NextSteps());
        c.RecordDecision(new CaseDecision(Guid.NewGuid(), new DateOnly(2026, 12, 7), "§ 214", "KS 2026/123", "Kommunstyrelsen beslutar att ingå IOP.", true), "Lena Ledamot", At);

        Assert.Equal(CaseState.Approved, c.State);
        Assert.False(c.IsOpen);
        Assert.Equal(
            [CaseState.Initiative, CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft, CaseState.Decision, CaseState.Approved],
            c.Transitions.Select(t => t.To));
        Assert.Equal("Lena Ledamot", c.Transitions[^1].Actor);
    }

    [Fact]
    public void No_eligibility_review_without_a_logged_dialogue()
    {
        var c = Stenungsund();
        Assert.Throws<DomainException>(() => c.BeginEligibility("x", At)); // still an initiative
        c.StartDialogue("x", At);
        Assert.Equal(["Logga minst ett dialogmöte om gemensam målbild, värdegrund och syfte."], c.NextSteps());
        Assert.Contains("dialogmöte", Assert.Throws<DomainException>(() => c.BeginEligibility("x", At)).Message);
        Assert.Equal(CaseState.Dialogue, c.State);
    }

    [Fact]
    public void An_unmet_or_unjudged_criterion_stops_the_case_and_says_which()
    {
        var c = ThroughEligibility();
        c.JudgeCriterion(5, false, "Föreningen bidrar inte med egna resurser.");
        var e = Assert.Throws<DomainException>(() => c.BeginSuitability("x", At));
        Assert.Contains("Kriterium 5 är inte uppfyllt.", e.Message);
        Assert.Equal(CaseState.Eligibility, c.State);
        Assert.Equal("Criterion", Assert.Throws<DomainException>(() => c.JudgeCriterion(10, true, "x")).Field);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => c.JudgeCriterion(1, true, " ")).Field);
    }

    [Fact]
    public void No_decision_while_a_required_document_is_missing_or_the_term_is_too_long()
    {
        var c = ThroughEligibility();
        c.BeginSuitability("x", At);
        foreach (var aspect in Enum.GetValues<SuitabilityAspect>())
        {
            c.AssessSuitability(aspect, true, "Bra.");
        }

        c.BeginDraft("x", At);
        Assert.Throws<DomainException>(() => c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2032, 1, 1)));
        Assert.Contains("Ange avtalstiden.", c.NextSteps(AllDocuments()));
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        var e = Assert.Throws<DomainException>(() => c.SendToDecision(AllDocuments(complete: false), "x", At));
        Assert.Equal("Handlingen ”Stadgar” saknas.", e.Message);
        Assert.Equal(CaseState.Draft, c.State);
    }

    [Fact]
    public void A_decision_needs_a_case_number_like_KS_2026_123_and_a_paragraph()
    {
        var c = ThroughEligibility();
        c.BeginSuitability("x", At);
        foreach (var aspect in Enum.GetValues<SuitabilityAspect>())
        {
            c.AssessSuitability(aspect, true, "Bra.");
        }

        c.BeginDraft("x", At);
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        c.SendToDecision(AllDocuments(), "x", At);
        Assert.Equal("CaseNumber", Assert.Throws<DomainException>(() => c.RecordDecision(new(Guid.NewGuid(), new DateOnly(2026, 12, 7), "§ 1", "2026-123", "Beslut", true), "x", At)).Field);
        Assert.Equal("Paragraph", Assert.Throws<DomainException>(() => c.RecordDecision(new(Guid.NewGuid(), new DateOnly(2026, 12, 7), " ", "KS 2026/123", "Beslut", true), "x", At)).Field);
        c.RecordDecision(new(Guid.NewGuid(), new DateOnly(2026, 12, 7), "§ 214", "SN 2026/45", "Avslag: ryms inte i budgetramen.", false), "x", At);
        Assert.Equal(CaseState.Rejected, c.State);
        Assert.Throws<DomainException>(() => c.Withdraw("för sent", "x", At));
    }

    [Fact]
    public void A_case_can_be_returned_for_more_work_or_withdrawn_with_a_reason()
    {
        var c = ThroughEligibility();
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => c.ReturnForMoreWork("", "x", At)).Field);
        c.ReturnForMoreWork("Budgeten behöver ses över.", "Henrik Handläggare", At);
        Assert.Equal(CaseState.Dialogue, c.State);
        Assert.Equal("Budgeten behöver ses över.", c.Transitions[^1].Reason);
        c.Withdraw("Föreningen drar tillbaka initiativet.", "Åsa Öberg", At);
        Assert.Equal(CaseState.Withdrawn, c.State);
        Assert.Throws<DomainException>(() => c.StartDialogue("x", At));
    }

    [Fact]
    public void Several_organisations_can_be_parties_in_one_case()
    {
        var c = Stenungsund();
        var other = Guid.NewGuid();
        c.AddParty(other);
        c.AddParty(other);
        Assert.Equal([Soraker, other], c.Organisations);
    }
}
