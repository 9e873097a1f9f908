using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>The running partnership on the Söråker agreement's figures: its steering group, its payments, its yearly follow-up.</summary>
public sealed class PartnershipTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly AgreementParty Timra = new(Guid.NewGuid(), PartyKind.Municipality, "Timrå kommun", null);
    private static readonly AgreementParty Soraker = new(Guid.NewGuid(), PartyKind.Organisation, "Söråkers Folketshusförening", "802011-2341");

    private static Agreement Signed(GuidelineRules rules, DateOnly start, DateOnly end)
    {
        var a = Agreement.Draft(Guid.NewGuid(), Timra.Id, [Timra.Id], [Soraker.Id], rules, "IOP Timrå–Söråker", [Timra, Soraker],
            Agreement.SectionsFrom(rules, new Dictionary<string, string>()), new AgreementFacts { TargetGroup = "Ungdomar 14–25 år" }, start, end, At);
        foreach (var s in a.Content.Sections)
        {
            a.EditSection(s.Number, "Text.");
        }

        for (var year = start.Year; year <= end.Year; year++)
        {
            foreach (var line in AgreementTests.SorakerBudget())
            {
                a.SaveBudgetLine(line with { Id = Guid.NewGuid(), Year = year, PartyId = line.PartyId == AgreementTests.SorakerBudget()[0].PartyId ? Timra.Id : Soraker.Id });
            }
        }

        a.SetSteeringGroup([new(Timra.Id, "Lars Backlund", null), new(Timra.Id, "Ronny Rönnbäck", null), new(Soraker.Id, "Christina Thonman", null), new(Soraker.Id, "Eva Holmström", null)]);
        a.SetSignatories([new(Guid.Empty, Timra.Id, "Anna Andersson", "Ordförande"), new(Guid.Empty, Soraker.Id, "Christina Thonman", "Ordförande")]);
        a.SendToDecision();
        a.Approve(new("Kommunstyrelsen", start.AddDays(-30), "§ 1", "KS 2017/400"));
        foreach (var s in a.Content.Signatories)
        {
            a.Sign(s.Id, start.AddDays(-20), "x", Today);
        }

        return a;
    }

    private static Partnership Soraker2018() => Partnership.Start(Signed(SorakerAgreementRules, new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31)), At);

    private static GuidelineRules SorakerAgreementRules => GuidelinePresets.Blank with { Criteria = ["Ett kriterium."], MaxTermYears = 4 };

    [Fact]
    public void Only_a_signed_agreement_starts_a_partnership_and_its_grant_is_paid_once_a_year()
    {
        var p = Soraker2018();
        var payment = Assert.Single(p.Payments);
        Assert.Equal((2018, new DateOnly(2018, 1, 1), 500_000m, (int?)null), (payment.Year, payment.DueOn, payment.Amount, payment.AwaitsFollowUpOf));
        Assert.Equal(12, p.MeetingSchedule().Count); // monthly unless decided otherwise
        Assert.Equal(new DateOnly(2018, 12, 1), p.MeetingSchedule()[^1]);
    }

    [Fact]
    public void The_steering_group_decides_only_unanimously_with_each_party_present_and_an_objection_blocks()
    {
        var p = Soraker2018();
        var meeting = p.RecordMeeting(new DateOnly(2018, 2, 1), MeetingKind.Ordinary, "Uppstart", ["Lars Backlund", "Christina Thonman", "Eva Holmström"], "Minnesanteckningar.",
        [
            new("Verksamheten tar emot fyra ungdomar under våren.", []),
            new("Köp av ljudutrustning för 30 tkr.", [new Objection("Lars Backlund", "Ryms inte i budgeten för material.")]),
        ], "Tove Timrå", At);
        Assert.True(meeting.Decisions[0].Taken);
        Assert.False(meeting.Decisions[1].Taken);
        Assert.Equal("Ryms inte i budgeten för material.", Assert.Single(meeting.Decisions[1].Objections).Reason);

        var e = Assert.Throws<DomainException>(() => p.RecordMeeting(new DateOnly(2018, 3, 1), MeetingKind.Extra, null, ["Lars Backlund"], null,
            [new("Nytt öppettider.", [])], "x", At));
        Assert.Contains("minst en ledamot från varje part", e.Message);
        Assert.Contains("inte närvarande", Assert.Throws<DomainException>(() => p.RecordMeeting(new DateOnly(2018, 3, 1), MeetingKind.Ordinary, null,
            ["Lars Backlund", "Eva Holmström"], null, [new("X", [new Objection("Christina Thonman", "Nej.")])], "x", At)).Message);
        Assert.Equal("Present", Assert.Throws<DomainException>(() => p.RecordMeeting(new DateOnly(2018, 3, 1), MeetingKind.Ordinary, null, ["Okänd Person"], null, [], "x", At)).Field);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => p.RecordMeeting(new DateOnly(2019, 3, 1), MeetingKind.Ordinary, null, ["Lars Backlund"], null, [], "x", At)).Field);
        Assert.Single(p.Meetings);
    }

    [Fact]
    public void Under_Stenungsunds_rule_the_next_payment_waits_for_the_approved_yearly_follow_up()
    {
        var p = Partnership.Start(Signed(GuidelinePresets.Stenungsund, new DateOnly(2018, 1, 1), new DateOnly(2019, 12, 31)), At);
        Assert.Equal([(2018, (int?)null), (2019, 2018)], p.Payments.Select(x => (x.Year, x.AwaitsFollowUpOf)));
        var (first, second) = (p.Payments[0], p.Payments[1]);
        p.MarkPaid(first.Id, new DateOnly(2018, 1, 15), "VER 2018-0042", "Tove", Today);
        Assert.True(Assert.Throws<DomainException>(() => p.MarkPaid(first.Id, new DateOnly(2018, 1, 15), "VER 2018-0042", "Tove", Today)).IsConflict);

        var blocked = Assert.Throws<DomainException>(() => p.MarkPaid(second.Id, new DateOnly(2019, 1, 15), "VER 2019-0007", "Tove", Today));
        Assert.Contains("Väntar på godkänd uppföljning för 2018", blocked.Message);
        Assert.Equal("Year", Assert.Throws<DomainException>(() => p.SubmitFollowUp(2021, "Utanför avtalstiden.", null, "x", Today)).Field);
        p.SubmitFollowUp(2018, "Tolv ungdomar har arbetstränat under året.", new Dictionary<string, decimal> { ["Placerade ungdomar"] = 12, ["Unika besökare"] = 840 }, "Christina", Today);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => p.AssessFollowUp(2018, Assessment.NeedsCompletion, " ", "Tove", Today)).Field);
        p.AssessFollowUp(2018, Assessment.NeedsCompletion, "Balansräkningen saknas.", "Tove", Today);
        Assert.NotNull(p.Blocker(second));
        p.SubmitFollowUp(2018, "Tolv ungdomar har arbetstränat under året. Balansräkning bifogad.", new Dictionary<string, decimal> { ["Placerade ungdomar"] = 12 }, "Christina", Today);
        p.AssessFollowUp(2018, Assessment.Approved, null, "Tove", Today);
        Assert.Null(p.Blocker(second));
        Assert.Equal("PaidOn", Assert.Throws<DomainException>(() => p.MarkPaid(second.Id, Today.AddDays(3), "VER", "Tove", Today)).Field);
        p.MarkPaid(second.Id, new DateOnly(2019, 2, 1), "VER 2019-0007", "Tove", Today);
        Assert.All(p.Payments, x => Assert.NotNull(x.PaidOn));
        Assert.True(Assert.Throws<DomainException>(() => p.SubmitFollowUp(2018, "Igen.", null, "x", Today)).IsConflict);
    }
}
