using Samverka.Domain.Common;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;

namespace Samverka.Domain.Tests;

public sealed class GuidelineTests
{
    private static readonly Guid Municipality = Guid.NewGuid();

    [Fact]
    public void Stenungsund_as_the_seed_reads_it()
    {
        var rules = GuidelinePresets.Stenungsund.Validated();
        Assert.Equal(9, rules.Criteria.Count);
        Assert.Equal(8, rules.RequiredDocuments.Count);
        Assert.Equal(12, rules.AgreementSections.Count);
        Assert.Equal(5, rules.MaxTermYears);
        Assert.Equal(9, rules.RenewalDialogueMonthsBefore);
        Assert.Equal(3, rules.RenewLatestMonthsBefore);
        Assert.Equal(DecidingBodyRule.ExecutiveBoard, rules.DecidingBody);
        Assert.True(rules.FollowUpGatesPayment);
        Assert.Equal(Interval.Yearly, rules.PaymentInterval);
        Assert.Equal(["Vision 2035"], rules.VisionOrFocusAreas);
        Assert.True(rules.RequiresExistingSimilarActivity);
        Assert.Contains("Vision 2035", rules.Criteria[1]);
    }

    [Fact]
    public void Soderhamn_as_the_seed_reads_it()
    {
        var rules = GuidelinePresets.Soderhamn.Validated();
        Assert.Equal(8, rules.Criteria.Count);
        Assert.Equal(4, rules.MaxTermYears);
        Assert.True(rules.ExtensionAllowed);
        Assert.Equal(DecidingBodyRule.CommitteeByRemit, rules.DecidingBody);
        Assert.True(rules.ConsultLegalAndFinance);
        Assert.True(rules.DoubleFundingBanned);
        Assert.Equal(["Lärande", "Växtkraft", "Goda livsmiljöer"], rules.VisionOrFocusAreas);
        Assert.True(rules.Accepts(LegalForm.EconomicAssociation)!.CaseByCase);
        Assert.False(rules.Accepts(LegalForm.NonProfitAssociation)!.CaseByCase);
        Assert.True(rules.InitiativeMayComeFromDialogue);
    }

    [Fact]
    public void A_blank_start_must_get_its_own_criteria_before_it_can_be_saved()
    {
        var e = Assert.Throws<DomainException>(() => GuidelinePresets.Blank.Validated());
        Assert.Equal("Criteria", e.Field);
    }

    [Theory]
    [InlineData("2026-01-01", "2030-12-31", true)]   // five years exactly
    [InlineData("2026-01-01", "2031-01-01", false)]  // a day more
    [InlineData("2018-01-01", "2018-12-31", true)]   // Söråker: one year
    public void Stenungsund_allows_at_most_five_years(string start, string end, bool allowed)
    {
        var rules = GuidelinePresets.Stenungsund;
        void Check() => rules.CheckTerm(DateOnly.Parse(start), DateOnly.Parse(end));
        if (allowed)
        {
            Check();
        }
        else
        {
            Assert.Contains("högst 5 år", Assert.Throws<DomainException>(Check).Message);
        }
    }

    [Fact]
    public void Soderhamn_allows_at_most_four_years_and_says_extension_is_possible()
    {
        GuidelinePresets.Soderhamn.CheckTerm(new DateOnly(2026, 1, 1), new DateOnly(2029, 12, 31));
        var e = Assert.Throws<DomainException>(() => GuidelinePresets.Soderhamn.CheckTerm(new DateOnly(2026, 1, 1), new DateOnly(2030, 1, 1)));
        Assert.Contains("högst 4 år per överenskommelse (med möjlighet till förlängning)", e.Message);
        Assert.Contains("2029-12-31", e.Message);
        Assert.Throws<DomainException>(() => GuidelinePresets.Soderhamn.CheckTerm(new DateOnly(2026, 1, 1), new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Stenungsund_renewal_dialogue_starts_nine_months_and_renewal_ends_three_months_before_expiry()
    {
        var expiry = new DateOnly(2030, 12, 31);
        Assert.Equal(new DateOnly(2030, 4, 1), GuidelinePresets.Stenungsund.RenewalDialogueStarts(expiry)); // 2030-03-31 is a Sunday
        Assert.Equal(new DateOnly(2030, 9, 30), GuidelinePresets.Stenungsund.RenewLatest(expiry));
        Assert.Null(GuidelinePresets.Soderhamn.RenewalDialogueStarts(expiry));
    }

    [Fact]
    public void Stenungsund_kommunstyrelsen_always_decides()
    {
        var ks = new Committee(Municipality, "Kommunstyrelsen", true);
        var social = new Committee(Municipality, "Socialnämnden", false);
        var choice = GuidelinePresets.Stenungsund.Derive(ks, [social]);
        Assert.Equal(ks.Id, choice.CommitteeId);
        Assert.Contains("beslutar kommunstyrelsen om alla IOP", choice.Reason);
    }

    [Fact]
    public void Soderhamn_the_committee_by_remit_decides_and_kommunstyrelsen_when_several_committees_or_municipalities()
    {
        var ks = new Committee(Municipality, "Kommunstyrelsen", true);
        var social = new Committee(Municipality, "Socialnämnden", false);
        var culture = new Committee(Municipality, "Kultur- och fritidsnämnden", false);
        var rules = GuidelinePresets.Soderhamn;

        var one = rules.Derive(ks, [social]);
        Assert.Equal(social.Id, one.CommitteeId);
        Assert.Equal("Verksamheten ligger inom socialnämndens ansvarsområde.", one.Reason);

        var several = rules.Derive(ks, [social, culture]);
        Assert.Equal(ks.Id, several.CommitteeId);
        Assert.Contains("flera nämnder", several.Reason);

        var municipalities = rules.Derive(ks, [social], municipalityCount: 2);
        Assert.Equal(ks.Id, municipalities.CommitteeId);
        Assert.Contains("flera kommuner", municipalities.Reason);

        Assert.Equal("Committees", Assert.Throws<DomainException>(() => rules.Derive(ks, [])).Field);
    }

    [Theory]
    [InlineData("2023-11-30", "2026-10-14", ReviewStatus.Current, 2026)]  // Stenungsund's page, before the new term
    [InlineData("2023-11-30", "2026-11-23", ReviewStatus.Due, 2026)]      // the new term has started: due by 2030-10-14
    [InlineData("2023-11-30", "2030-10-15", ReviewStatus.Overdue, 2026)]  // a whole term without review
    [InlineData("2026-12-01", "2026-12-02", ReviewStatus.Current, 2030)]
    public void Guidelines_are_reviewed_once_per_mandate_period(string adopted, string today, ReviewStatus status, int duePeriod)
    {
        var review = GuidelineReview.For(DateOnly.Parse(adopted), DateOnly.Parse(today));
        Assert.Equal(status, review.Status);
        Assert.Equal(duePeriod, review.DuePeriod.ElectionYear);
        Assert.Equal(new MandatePeriod(duePeriod).End, review.DueBy);
    }

    [Fact]
    public void A_change_is_a_new_version_and_the_old_one_is_untouched()
    {
        var first = Guideline.First(Municipality, "Riktlinjer för IOP i Stenungsunds kommun", new DateOnly(2023, 11, 30), "KF 2023-11-30", GuidelinePresets.Stenungsund);
        var second = first.Revise("Riktlinjer för IOP i Stenungsunds kommun", new DateOnly(2027, 2, 1), "KF 2027-02-01", first.Rules with { MaxTermYears = 4 });
        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal(5, first.Rules.MaxTermYears);
        Assert.Equal(4, second.Rules.MaxTermYears);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal("AdoptedOn", Assert.Throws<DomainException>(() => first.Revise("x x x", new DateOnly(2020, 1, 1), null, first.Rules)).Field);
    }

    [Fact]
    public void Rules_are_cleaned_and_inconsistent_deadlines_refused()
    {
        var rules = (GuidelinePresets.Stenungsund with { Criteria = ["  Ett kriterium  ", "", "Ett kriterium", "Ett annat"] }).Validated();
        Assert.Equal(["Ett kriterium", "Ett annat"], rules.Criteria);
        var e = Assert.Throws<DomainException>(() => (GuidelinePresets.Stenungsund with { RenewalDialogueMonthsBefore = 2 }).Validated());
        Assert.Equal("RenewalDialogueMonthsBefore", e.Field);
        Assert.Equal("MaxTermYears", Assert.Throws<DomainException>(() => (GuidelinePresets.Stenungsund with { MaxTermYears = 0 }).Validated()).Field);
    }

    [Fact]
    public void Missing_lists_unknown_choices_and_overlong_references_are_refused_with_the_field()
    {
        Assert.Equal("Criteria", Assert.Throws<DomainException>(() => (GuidelinePresets.Stenungsund with { Criteria = null! }).Validated()).Field);
        Assert.Equal("LegalForms", Assert.Throws<DomainException>(() => (GuidelinePresets.Stenungsund with { LegalForms = null! }).Validated()).Field);
        Assert.Equal("DecidingBody", Assert.Throws<DomainException>(() => (GuidelinePresets.Stenungsund with { DecidingBody = (DecidingBodyRule)9 }).Validated()).Field);
        Assert.Equal("PaymentInterval", Assert.Throws<DomainException>(() => (GuidelinePresets.Stenungsund with { PaymentInterval = (Interval)0 }).Validated()).Field);
        Assert.Equal("Rules", Assert.Throws<DomainException>(() => Guideline.First(Guid.NewGuid(), "Riktlinjer", new DateOnly(2026, 1, 1), null, null!)).Field);
        Assert.Equal("DecisionReference", Assert.Throws<DomainException>(() =>
            Guideline.First(Guid.NewGuid(), "Riktlinjer", new DateOnly(2026, 1, 1), new string('§', 201), GuidelinePresets.Stenungsund)).Field);
        Assert.Empty((GuidelinePresets.Blank with { Criteria = ["Ett", null!, " "], RequiredDocuments = null! }).Validated().RequiredDocuments);
    }
}
