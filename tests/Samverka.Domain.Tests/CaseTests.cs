using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Funding;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Tests;

public sealed class CaseTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Municipality = Guid.NewGuid();
    private static readonly Guid Soraker = Guid.NewGuid();
    private static readonly Guid KsId = Guid.NewGuid();
    private static readonly DecidingBodyChoice Ks = new(KsId, "Kommunstyrelsen", "Enligt riktlinjerna beslutar kommunstyrelsen om alla IOP.");

    private static Guideline Guideline(GuidelineRules rules, Guid? municipality = null) =>
        Domain.Guidelines.Guideline.First(municipality ?? Municipality, "Riktlinjer för IOP", new DateOnly(2023, 11, 30), null, rules);

    /// <summary>A case of the given municipality approved by kommunstyrelsen, with its term and estimated amount per year (for the money rules).</summary>
    internal static Case Approved(Guid municipality, DateOnly start, DateOnly end, decimal perYear)
    {
        var c = InDraftIn(municipality);
        c.SetTerm(start, end);
        c.SetMoney(perYear);
        c.SetRemitCommittees([KsId]);
        c.SendToDecision([], Ks, [], "x", At);
        c.RecordDecision(Decision(municipality: municipality), BudgetOutlook.None, "x", At);
        return c;
    }

    private static Initiative Idea(string? similarWork = "Föreningen driver arbetsträning sedan 2015.") =>
        new("Arbetsträning för unga", "Unga 14–25 år skolas in i föreningens verksamhet med handledare.", "Ungdomar 14–25 år", similarWork, null, null, 500_000m);

    private static Case Stenungsund(string? similarWork = "Föreningen driver arbetsträning sedan 2015.") =>
        Case.Open(Guideline(GuidelinePresets.Stenungsund), Soraker, LegalForm.NonProfitAssociation, Idea(similarWork), "Åsa Öberg", At);

    private static IReadOnlyList<DocumentRequirement> AllDocuments(bool complete = true) =>
        DocumentCompleteness.Against(GuidelinePresets.Stenungsund.RequiredDocuments,
            GuidelinePresets.Stenungsund.RequiredDocuments.Skip(complete ? 0 : 1).Select(k => (k, 2025)), 2026);

    internal static Case InDraftIn(Guid municipality) =>
        InDraft(Case.Open(Guideline(GuidelinePresets.Soderhamn, municipality), Soraker, LegalForm.NonProfitAssociation, Idea(null), "x", At));

    private static Case ThroughEligibility(Case? start = null)
    {
        var c = start ?? Stenungsund();
        c.StartDialogue("Henrik Handläggare", At);
        c.LogMeeting(new DateOnly(2026, 9, 1), "Henrik Handläggare", "Åsa Öberg, Per Persson", "Fler unga i meningsfull sysselsättning.", null, null, "Henrik Handläggare", At);
        c.BeginEligibility("Henrik Handläggare", At);
        for (var i = 1; i <= c.Rules.Criteria.Count; i++)
        {
            c.JudgeCriterion(i, true, $"Uppfyllt enligt dialogmötet, punkt {i}.", "Henrik Handläggare", At);
        }

        c.JudgeRemit(true, "Förebyggande arbete för unga ligger inom kommunens kompetens.", "Henrik Handläggare", At);
        return c;
    }

    private static Case InDraft(Case? start = null)
    {
        var c = ThroughEligibility(start);
        c.BeginSuitability("x", At);
        foreach (var aspect in Enum.GetValues<SuitabilityAspect>())
        {
            c.AssessSuitability(aspect, true, "Föreningen har drivit arbetsträning sedan 2015.", "x", At);
        }

        c.BeginDraft("x", At);
        return c;
    }

    private static DecisionInput Decision(string caseNumber = "KS 2026/123", bool approved = true, string paragraph = "§ 214", Guid? municipality = null, bool beyondFrame = false) =>
        new(municipality ?? Municipality, KsId, "Kommunstyrelsen", new DateOnly(2026, 11, 20), paragraph, caseNumber, "Kommunstyrelsen beslutar att ingå IOP.", approved, beyondFrame);

    [Fact]
    public void Stenungsund_requires_the_organisation_to_already_do_similar_work()
    {
        var e = Assert.Throws<DomainException>(() => Stenungsund(similarWork: " "));
        Assert.Contains("liknande verksamhet", e.Message);
        Assert.Equal("SimilarWork", e.Field);
        var soderhamn = Case.Open(Guideline(GuidelinePresets.Soderhamn), Soraker, LegalForm.NonProfitAssociation, Idea(similarWork: null), "x", At);
        Assert.Null(soderhamn.SimilarWork);
    }

    [Fact]
    public void Söderhamn_accepts_an_ekonomisk_förening_only_after_a_case_by_case_judgement_and_Stenungsund_not_at_all()
    {
        Assert.Contains("ekonomisk förening", Assert.Throws<DomainException>(() =>
            Case.Open(Guideline(GuidelinePresets.Stenungsund), Soraker, LegalForm.EconomicAssociation, Idea(), "x", At)).Message);

        var c = Case.Open(Guideline(GuidelinePresets.Soderhamn), Soraker, LegalForm.EconomicAssociation, Idea(null), "x", At);
        Assert.Equal(["Ekonomisk förening"], c.CaseByCaseLegalForms);
        ThroughEligibility(c);
        Assert.Contains("Pröva i det enskilda fallet om associationsformen (ekonomisk förening) kan godtas.", c.NextSteps());
        Assert.Throws<DomainException>(() => c.BeginSuitability("x", At));
        c.JudgeLegalForm(false, "Föreningens vinst delas ut till medlemmarna.", "x", At);
        Assert.Contains("Associationsformen har inte godtagits i prövningen.", c.NextSteps());
        c.JudgeLegalForm(true, "Kooperativet återinvesterar allt överskott i verksamheten enligt stadgarna.", "x", At);
        c.BeginSuitability("x", At);
        Assert.Equal(CaseState.Suitability, c.State);
    }

    [Fact]
    public void The_case_keeps_the_guideline_version_it_was_opened_under()
    {
        var v1 = Guideline(GuidelinePresets.Stenungsund);
        var c = Case.Open(v1, Soraker, LegalForm.NonProfitAssociation, Idea(), "x", At);
        var v2 = v1.Revise("Riktlinjer för IOP", new DateOnly(2027, 1, 1), null, GuidelinePresets.Stenungsund with { MaxTermYears = 2 });
        Assert.Equal((v1.Id, 1, 5), (c.GuidelineId, c.GuidelineNumber, c.Rules.MaxTermYears));
        Assert.Equal(2, v2.Rules.MaxTermYears);
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2031, 12, 31)); // five years still allowed under version 1
    }

    [Fact]
    public void The_whole_road_from_initiative_to_an_approved_decision_under_Stenungsunds_guidelines()
    {
        var c = InDraft();
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2031, 12, 31));
        c.SendToDecision(AllDocuments(), Ks, [], "Henrik Handläggare", At);
        Assert.Equal(["Registrera beslutet i kommunstyrelsen med sammanträdesdatum, paragraf och diarienummer."], c.NextSteps());
        c.RecordDecision(Decision(), BudgetOutlook.None, "Lena Ledamot", At);

        Assert.Equal(CaseState.Approved, c.State);
        Assert.False(c.IsOpen);
        Assert.Equal(
            [CaseState.Initiative, CaseState.Dialogue, CaseState.Eligibility, CaseState.Suitability, CaseState.Draft, CaseState.Decision, CaseState.Approved],
            c.Transitions.Select(t => t.To));
        Assert.Equal("Lena Ledamot", c.Transitions[^1].Actor);
        Assert.Equal(("KS 2026/123", "§ 214"), (c.Decisions[0].CaseNumber, c.Decisions[0].Paragraph));
        Assert.Equal(9, c.Criteria.Count);
    }

    [Fact]
    public void No_eligibility_review_without_a_logged_dialogue()
    {
        var c = Stenungsund();
        Assert.Throws<DomainException>(() => c.BeginEligibility("x", At)); // still an initiative
        c.StartDialogue("x", At);
        Assert.Equal(["Logga minst ett dialogmöte om gemensam målbild, värdegrund och syfte."], c.NextSteps());
        Assert.Contains("dialogmöte", Assert.Throws<DomainException>(() => c.BeginEligibility("x", At)).Message);
        Assert.Equal("Goal", Assert.Throws<DomainException>(() => c.LogMeeting(new DateOnly(2026, 9, 1), "A", "B", " ", null, "", "x", At)).Field);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => c.LogMeeting(new DateOnly(2026, 12, 24), "A", "B", "Mål", null, null, "x", At)).Field);
        Assert.Equal(CaseState.Dialogue, c.State);
        Assert.Empty(c.Meetings);
    }

    [Fact]
    public void An_unmet_or_unjudged_criterion_stops_the_case_and_says_which()
    {
        var c = ThroughEligibility();
        c.JudgeCriterion(5, false, "Föreningen bidrar inte med egna resurser.", "x", At);
        var e = Assert.Throws<DomainException>(() => c.BeginSuitability("x", At));
        Assert.Contains("Kriterium 5 är inte uppfyllt: Bägge parterna är med och finansierar verksamheten (med ekonomiska medel eller andra insatser).", e.Message); // named, not just numbered
        Assert.Equal(CaseState.Eligibility, c.State);
        Assert.Equal("Criterion", Assert.Throws<DomainException>(() => c.JudgeCriterion(10, true, "x", "x", At)).Field);
        Assert.Equal("Reason1", Assert.Throws<DomainException>(() => c.JudgeCriterion(1, true, " ", "x", At)).Field);
    }

    [Fact]
    public void No_decision_while_a_required_document_is_missing_or_old_or_the_term_is_too_long()
    {
        var c = InDraft();
        Assert.Equal("TermEnd", Assert.Throws<DomainException>(() => c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2032, 1, 1))).Field);
        Assert.Contains("Ange avtalstiden.", c.NextSteps(AllDocuments()));
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        var e = Assert.Throws<DomainException>(() => c.SendToDecision(AllDocuments(complete: false), Ks, [], "x", At));
        Assert.Equal("Handlingen ”Stadgar” saknas.", e.Message);
        var old = DocumentCompleteness.Against(GuidelinePresets.Stenungsund.RequiredDocuments,
            GuidelinePresets.Stenungsund.RequiredDocuments.Select(k => (k, k == "Stadgar" ? 2019 : 2025)), 2026);
        Assert.Equal("Handlingen ”Stadgar” är inaktuell (senast från 2019).", Assert.Throws<DomainException>(() => c.SendToDecision(old, Ks, [], "x", At)).Message);
        Assert.Equal(CaseState.Draft, c.State);
    }

    [Fact]
    public void A_decision_needs_a_case_number_like_KS_2026_123_and_a_paragraph()
    {
        var c = InDraft();
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        c.SendToDecision(AllDocuments(), Ks, [], "x", At);
        Assert.Equal("CaseNumber", Assert.Throws<DomainException>(() => c.RecordDecision(Decision("2026-123"), BudgetOutlook.None, "x", At)).Field);
        Assert.Equal("Paragraph", Assert.Throws<DomainException>(() => c.RecordDecision(Decision(paragraph: " "), BudgetOutlook.None, "x", At)).Field);
        Assert.Equal("CommitteeId", Assert.Throws<DomainException>(() =>
            c.RecordDecision(Decision() with { CommitteeId = Guid.NewGuid(), CommitteeName = "Socialnämnden" }, BudgetOutlook.None, "x", At)).Field);
        var d = c.RecordDecision(Decision("ks  2026/45", approved: false, paragraph: "214"), BudgetOutlook.None, "x", At);
        Assert.Equal(("KS 2026/45", "§ 214"), (d.CaseNumber, d.Paragraph));
        Assert.Equal(CaseState.Rejected, c.State);
        Assert.Throws<DomainException>(() => c.Withdraw("för sent", "x", At));
    }

    [Fact]
    public void An_approval_beyond_the_committees_frame_needs_the_bodys_explicit_word()
    {
        var c = InDraft();
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31));
        c.SendToDecision(AllDocuments(), Ks, [], "x", At);
        var outlook = Budgets.Outlook(c.YearlyAmounts(), new Dictionary<int, decimal> { [2027] = 2_000_000m, [2028] = 800_000m },
            new Dictionary<int, decimal> { [2027] = 1_000_000m, [2028] = 400_000m });
        Assert.Equal([2028], outlook.Exceeded.Select(y => y.Year));
        Assert.Equal(-100_000m, outlook.Exceeded[0].Remaining);
        var e = Assert.Throws<DomainException>(() => c.RecordDecision(Decision(), outlook, "x", At));
        Assert.Equal("DecideBeyondFrame", e.Field);
        Assert.Contains("2028 med 100\u00A0000\u00A0kr", e.Message);
        Assert.Equal(CaseState.Decision, c.State);
        Assert.True(c.RecordDecision(Decision(beyondFrame: true), outlook, "x", At).DecidedBeyondFrame);
        Assert.Equal(CaseState.Approved, c.State);
    }

    [Fact]
    public void Money_per_year_follows_the_days_of_each_calendar_year_the_term_covers()
    {
        Assert.Equal([(2027, 500_000m), (2028, 500_000m)], Budgets.PerYear(new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31), 500_000m));
        var split = Budgets.PerYear(new DateOnly(2027, 7, 1), new DateOnly(2028, 6, 30), 365_000m);
        Assert.Equal([(2027, 184_000m), (2028, 181_503m)], split); // 184 of 365 days; 182 of 366
        Assert.Equal([2028, 2029], Budgets.Outlook(Budgets.PerYear(new DateOnly(2028, 1, 1), new DateOnly(2029, 6, 30), 1m),
            new Dictionary<int, decimal>(), new Dictionary<int, decimal>()).YearsWithoutFrame);
    }

    [Fact]
    public void Söderhamn_flags_an_organisation_already_paid_for_the_same_activity_by_another_committee()
    {
        var municipality = Guid.NewGuid();
        var social = Guid.NewGuid();
        var culture = Guid.NewGuid();
        var support = new[]
        {
            new OtherSupport(municipality, Soraker, culture, SupportKind.Grant, "Nattvandring i centrum", 2026, 2027, 60_000m),
            new OtherSupport(municipality, Soraker, culture, SupportKind.Grant, "Läxhjälp", 2026, 2027, 20_000m),
            new OtherSupport(municipality, Soraker, social, SupportKind.Grant, "Nattvandring", 2026, 2027, 20_000m), // the deciding committee itself
            new OtherSupport(municipality, Guid.NewGuid(), culture, SupportKind.Grant, "Nattvandring", 2026, 2027, 20_000m), // another organisation
            new OtherSupport(municipality, Soraker, culture, SupportKind.Grant, "Nattvandring", 2020, 2021, 20_000m), // long ago
        };
        var flags = DoubleFundingCheck.Flags([Soraker], "Nattvandringar helger", new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31), social, support);
        var flag = Assert.Single(flags);
        Assert.Equal(support[0].Id, flag.SupportId);
        Assert.Contains("nattvandring", flag.Reason, StringComparison.OrdinalIgnoreCase);

        var c = InDraft(Case.Open(Domain.Guidelines.Guideline.First(municipality, "Riktlinjer", new DateOnly(2020, 2, 1), null, GuidelinePresets.Soderhamn),
            Soraker, LegalForm.NonProfitAssociation, Idea(null) with { Title = "Nattvandringar helger" }, "x", At));
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31));
        c.SetRemitCommittees([social]);
        var socialBody = new DecidingBodyChoice(social, "Socialnämnden", "Inom socialnämndens ansvarsområde.");
        Assert.Contains("bedöm om det är dubbelfinansiering", Assert.Throws<DomainException>(() => c.SendToDecision([], socialBody, flags, "x", At)).Message);
        Assert.Throws<DomainException>(() => c.JudgeDoubleFunding(sameActivity: false, "Inget flaggat.", [], "x", At));
        c.JudgeDoubleFunding(sameActivity: true, "Samma nattvandring i centrum.", flags, "x", At);
        Assert.Contains("tillåter inte dubbelfinansiering", Assert.Throws<DomainException>(() => c.SendToDecision([], socialBody, flags, "x", At)).Message);
        c.JudgeDoubleFunding(sameActivity: false, "Bidraget gäller föreningens egna medlemmar, inte helgnätterna.", flags, "x", At);

        // Support registered after the judgement is not covered by it.
        var later = new OtherSupport(municipality, Soraker, culture, SupportKind.Premises, "Nattvandring, lokal", 2027, 2027, null);
        var moreFlags = DoubleFundingCheck.Flags([Soraker], "Nattvandringar helger", c.TermStart, c.TermEnd, social, [.. support, later]);
        Assert.Equal(2, moreFlags.Count);
        Assert.Contains("bedöm på nytt", Assert.Throws<DomainException>(() => c.SendToDecision([], socialBody, moreFlags, "x", At)).Message);
        c.SendToDecision([], socialBody, flags, "x", At);
        Assert.Equal(socialBody, c.DecidingBody);
    }

    [Fact]
    public void Under_Söderhamns_rule_the_remit_committee_must_be_named_before_decision()
    {
        var c = InDraft(Case.Open(Guideline(GuidelinePresets.Soderhamn), Soraker, LegalForm.NonProfitAssociation, Idea(null), "x", At));
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        Assert.Contains("Ange vilken nämnds ansvarsområde verksamheten hör till.", c.NextSteps([], []));
    }

    [Fact]
    public void With_several_municipalities_each_decides_and_the_case_is_approved_when_all_have()
    {
        var other = Guid.NewGuid();
        var c = Stenungsund();
        c.AddMunicipality(other);
        c.AddMunicipality(other);
        Assert.Equal([Municipality, other], c.MunicipalityIds);
        InDraft(c);
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        c.SendToDecision(AllDocuments(), Ks, [], "x", At);
        Assert.Equal("MunicipalityId", Assert.Throws<DomainException>(() => c.RecordDecision(Decision(municipality: Guid.NewGuid()), BudgetOutlook.None, "x", At)).Field);
        c.RecordDecision(Decision(), BudgetOutlook.None, "x", At);
        Assert.Equal(CaseState.Decision, c.State);
        Assert.Equal(["Registrera den deltagande kommunens beslut."], c.NextSteps());
        Assert.Throws<DomainException>(() => c.RecordDecision(Decision("KS 2026/124"), BudgetOutlook.None, "x", At));
        c.RecordDecision(Decision("KS 2026/77", municipality: other) with { CommitteeId = Guid.NewGuid() }, BudgetOutlook.None, "y", At);
        Assert.Equal(CaseState.Approved, c.State);
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
    public void Several_organisations_can_be_parties_in_one_case_joining_before_eligibility_is_judged()
    {
        var c = Stenungsund();
        var other = Guid.NewGuid();
        c.AddParty(other, LegalForm.Foundation, "Stiftelsen Ungdomsgården", "x", At);
        Assert.Equal("OrgNumber", Assert.Throws<DomainException>(() => c.AddParty(other, LegalForm.Foundation, "Stiftelsen Ungdomsgården", "x", At)).Field);
        Assert.Equal([Soraker, other], c.OrganisationIds);
        Assert.Equal("OrganisationId", Assert.Throws<DomainException>(() => c.AddParty(Guid.NewGuid(), LegalForm.EconomicAssociation, "Ek. för.", "x", At)).Field);

        // Once eligibility is being judged, the judgements are about the parties there are: a new one waits for a return to dialogue.
        ThroughEligibility(c);
        var third = Guid.NewGuid();
        Assert.Contains("Skicka tillbaka ärendet till dialog", Assert.Throws<DomainException>(() => c.AddParty(third, LegalForm.NonProfitAssociation, "IK Tredje", "x", At)).Message);
        c.ReturnForMoreWork("En tredje förening vill vara med.", "x", At);
        c.AddParty(third, LegalForm.NonProfitAssociation, "IK Tredje", "x", At);
        Assert.Empty(c.Criteria);
        Assert.Equal("IK Tredje blev part i ärendet; förutsättningar och lämplighet bedöms på nytt", c.Transitions[^1].Reason);
        c.BeginEligibility("x", At);
        Assert.Contains("Bedöm kriterium 1: Verksamheten sker på initiativ av den idéburna organisationen (liknande verksamhet förekommer …", c.NextSteps());
        Assert.Equal(9, c.NextSteps().Count(s => s.StartsWith("Bedöm kriterium ", StringComparison.Ordinal)));
        Assert.All(c.NextSteps().Where(s => s.StartsWith("Bedöm kriterium ", StringComparison.Ordinal)), s => Assert.True(s.Length < 125, s)); // short enough to scan
    }

    [Fact]
    public void A_party_accepted_only_case_by_case_after_the_judgement_needs_a_new_one()
    {
        var c = ThroughEligibility(Case.Open(Guideline(GuidelinePresets.Soderhamn), Soraker, LegalForm.NonProfitAssociation, Idea(null), "x", At));
        Assert.Throws<DomainException>(() => c.JudgeLegalForm(true, "Ingen sådan part.", "x", At));
        c.ReturnForMoreWork("Ett kooperativ vill vara med.", "x", At);
        c.AddParty(Guid.NewGuid(), LegalForm.EconomicAssociation, "Söderhamns kooperativ", "x", At);
        c.BeginEligibility("x", At);
        Assert.Contains(c.NextSteps(), s => s.StartsWith("Pröva i det enskilda fallet", StringComparison.Ordinal));
    }

    [Fact]
    public void A_term_outside_the_years_2000_to_2100_is_refused_with_the_field()
    {
        var c = InDraft();
        Assert.Equal("TermEnd", Assert.Throws<DomainException>(() => c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(9999, 12, 31))).Field);
        Assert.Equal("TermStart", Assert.Throws<DomainException>(() => c.SetTerm(new DateOnly(1, 1, 1), new DateOnly(2027, 12, 31))).Field);
        Assert.Null(c.TermStart);
    }

    [Fact]
    public void A_case_number_longer_than_the_register_holds_is_refused_as_badly_written()
    {
        var c = InDraft();
        c.SetTerm(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31));
        c.SendToDecision(AllDocuments(), Ks, [], "x", At);
        Assert.Equal("CaseNumber", Assert.Throws<DomainException>(() => c.RecordDecision(Decision("KOMMUNSTYR-ELSENSKAN 2026/123456"), BudgetOutlook.None, "x", At)).Field);
        Assert.Equal("CaseNumber", Assert.Throws<DomainException>(() => c.RecordDecision(Decision("KS ٢٠٢٦/1"), BudgetOutlook.None, "x", At)).Field);
        Assert.Equal("KS-IOP 2026/123456", c.RecordDecision(Decision("ks-iop 2026/123456"), BudgetOutlook.None, "x", At).CaseNumber);
    }
}
