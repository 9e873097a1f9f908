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
    internal static readonly AgreementParty Timra = new(Guid.NewGuid(), PartyKind.Municipality, "Timrå kommun", null);
    internal static readonly AgreementParty Soraker = new(Guid.NewGuid(), PartyKind.Organisation, "Söråkers Folketshusförening", "802011-2341");

    internal static Agreement Signed(GuidelineRules rules, DateOnly start, DateOnly end, AgreementFacts? facts = null)
    {
        var a = Agreement.Draft(Guid.NewGuid(), Timra.Id, [Timra.Id], [Soraker.Id], rules, "IOP Timrå–Söråker", [Timra, Soraker],
            Agreement.SectionsFrom(rules, new Dictionary<string, string>()), facts ?? new AgreementFacts { TargetGroup = "Ungdomar 14–25 år" }, start, end, At);
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

    /// <summary>A year's books as the organisation enters them from its statements.</summary>
    internal static readonly Finances Books = new(1_020_000m, 990_440m, 310_000m, 120_000m);

    internal static void AttachStatements(Partnership p, int year)
    {
        p.AttachStatement(year, StatementKind.IncomeStatement, Guid.NewGuid(), "resultatrakning.pdf", Organisations.FileFormat.Pdf, new string('a', 64), "Christina", Today);
        p.AttachStatement(year, StatementKind.BalanceSheet, Guid.NewGuid(), "balansrakning.pdf", Organisations.FileFormat.Pdf, new string('b', 64), "Christina", Today);
    }

    internal static GuidelineRules SorakerAgreementRules => GuidelinePresets.Blank with { Criteria = ["Ett kriterium."], MaxTermYears = 4 };

    [Fact]
    public void Only_a_signed_agreement_starts_a_partnership_and_its_grant_is_paid_once_a_year()
    {
        var p = Soraker2018();
        var payment = Assert.Single(p.Payments);
        Assert.Equal((2018, new DateOnly(2018, 1, 2), 500_000m, (int?)null), (payment.Year, payment.DueOn, payment.Amount, payment.AwaitsFollowUpOf));
        Assert.Equal(12, p.MeetingSchedule().Count); // monthly unless decided otherwise
        Assert.Equal(new DateOnly(2018, 12, 3), p.MeetingSchedule()[^1]); // 2018-12-01 is a Saturday
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
        Assert.Equal("Year", Assert.Throws<DomainException>(() => p.SubmitFollowUp(2021, "Utanför avtalstiden.", null, Books, "x", Today)).Field);
        p.SubmitFollowUp(2018, "Tolv ungdomar har arbetstränat under året.", new Dictionary<string, decimal> { ["Placerade ungdomar"] = 12, ["Unika besökare"] = 840 }, Books, "Christina", Today);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => p.AssessFollowUp(2018, Assessment.NeedsCompletion, " ", "Tove", Today)).Field);
        p.AssessFollowUp(2018, Assessment.NeedsCompletion, "Balansräkningen saknas.", "Tove", Today);
        Assert.NotNull(p.Blocker(second));
        p.SubmitFollowUp(2018, "Tolv ungdomar har arbetstränat under året. Balansräkning bifogad.", new Dictionary<string, decimal> { ["Placerade ungdomar"] = 12 }, Books, "Christina", Today);
        AttachStatements(p, 2018);
        p.AssessFollowUp(2018, Assessment.Approved, null, "Tove", Today);
        Assert.Null(p.Blocker(second));
        Assert.Equal("PaidOn", Assert.Throws<DomainException>(() => p.MarkPaid(second.Id, Today.AddDays(3), "VER", "Tove", Today)).Field);
        p.MarkPaid(second.Id, new DateOnly(2019, 2, 1), "VER 2019-0007", "Tove", Today);
        Assert.All(p.Payments, x => Assert.NotNull(x.PaidOn));
        Assert.True(Assert.Throws<DomainException>(() => p.SubmitFollowUp(2018, "Igen.", null, Books, "x", Today)).IsConflict);
    }

    [Fact]
    public void Funds_used_are_reported_per_budget_line_inside_the_term_without_overlapping_periods()
    {
        var p = Soraker2018();
        var premises = p.BudgetLines.Single(l => l.Label == "Lokaler");
        var volunteers = p.BudgetLines.Single(l => l.Label == "Ideell insats, volontärer");
        Assert.Equal((165_000m, 235_840m), (premises.Budgeted, volunteers.Budgeted));
        p.ReportUsage(new DateOnly(2018, 1, 1), new DateOnly(2018, 3, 31), new Dictionary<Guid, decimal> { [premises.Id] = 41_250m, [volunteers.Id] = 53_600m }, "Christina", Today);
        p.ReportUsage(new DateOnly(2018, 4, 1), new DateOnly(2018, 6, 30), new Dictionary<Guid, decimal> { [premises.Id] = 41_250m }, "Christina", Today);
        Assert.Equal(82_500m, p.UsedOf(premises.Id));

        Assert.Equal("From", Assert.Throws<DomainException>(() => p.ReportUsage(new DateOnly(2018, 3, 1), new DateOnly(2018, 4, 30),
            new Dictionary<Guid, decimal> { [premises.Id] = 1m }, "x", Today)).Field); // overlaps both
        Assert.Equal("From", Assert.Throws<DomainException>(() => p.ReportUsage(new DateOnly(2019, 1, 1), new DateOnly(2019, 3, 31),
            new Dictionary<Guid, decimal> { [premises.Id] = 1m }, "x", Today)).Field); // outside the term
        Assert.Equal("Used", Assert.Throws<DomainException>(() => p.ReportUsage(new DateOnly(2018, 7, 1), new DateOnly(2018, 9, 30),
            new Dictionary<Guid, decimal> { [premises.Id] = -5m }, "x", Today)).Field);
        Assert.Equal(2, p.Usage.Count);
    }

    [Fact]
    public void A_repayment_claim_is_at_most_what_was_paid_and_is_settled_with_date_and_reference()
    {
        var p = Soraker2018();
        Assert.Equal("Amount", Assert.Throws<DomainException>(() => p.ClaimRepayment(10_000m, false, RepaymentReason.Misuse, "Resor utan koppling.", "Tove", Today)).Field); // nothing paid yet
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 20), "VER 2018-0042", "Tove", Today);
        var partial = p.ClaimRepayment(25_000m, false, RepaymentReason.Misuse, "Resor utan koppling till målgruppen.", "Tove", Today);
        var rest = p.ClaimRepayment(null, true, RepaymentReason.StoppedActivity, "Verksamheten upphörde i november.", "Tove", Today);
        Assert.Equal(475_000m, rest.Amount); // the whole remainder of 500 000 kr
        Assert.Equal("Amount", Assert.Throws<DomainException>(() => p.ClaimRepayment(1m, false, RepaymentReason.Misuse, "Mer.", "Tove", Today)).Field);
        Assert.Equal("SettledAmount", Assert.Throws<DomainException>(() => p.SettleClaim(partial.Id, Today, 30_000m, "VER", Today)).Field);
        p.SettleClaim(partial.Id, Today, null, "VER 2026-0100", Today);
        Assert.True(Assert.Throws<DomainException>(() => p.SettleClaim(partial.Id, Today, null, "VER", Today)).IsConflict);
        Assert.Equal((ClaimStatus.Settled, 25_000m), (p.Claims[0].Status, p.Claims[0].SettledAmount!.Value));
        p.RecordSurplus(2018, 12_000m, "Samma ändamål: arbetsträning för unga 2019.", "Tove", Today);
        Assert.Equal("Year", Assert.Throws<DomainException>(() => p.RecordSurplus(2020, 1m, "X", "Tove", Today)).Field);
    }

    [Fact]
    public void The_dashboard_lists_this_weeks_meeting_late_follow_ups_payments_due_and_renewal_dates()
    {
        var p = Partnership.Start(Signed(GuidelinePresets.Stenungsund, new DateOnly(2018, 1, 1), new DateOnly(2019, 12, 31)), At);
        Assert.Equal((new DateOnly(2019, 4, 1), new DateOnly(2019, 9, 30)), (p.RenewalDialogueStarts!.Value, p.RenewLatest!.Value)); // 9 and 3 months before the end (2019-03-31 is a Sunday)

        var due = p.Due(new DateOnly(2017, 12, 28));
        Assert.Contains(due, d => d.Text == "Styrgruppsmöte 2018-01-02"); // not on nyårsdagen
        Assert.Contains(due, d => d.Text.StartsWith("Utbetalning 2018: 500", StringComparison.Ordinal) && !d.Overdue);

        // The 2019 grant waits for the 2018 follow-up: not late while that report is not yet due, and the report says what it unlocks.
        due = p.Due(new DateOnly(2019, 2, 1));
        Assert.Contains(due, d => d.Text == "Utbetalning 2019 (500\u00A0000\u00A0kr) kan göras när årsuppföljningen för 2018 är godkänd; den ska lämnas senast 2019-04-01." && !d.Overdue);
        due = p.Due(new DateOnly(2019, 4, 5));
        Assert.Contains(due, d => d.Text == "Årsuppföljningen för 2018 ska lämnas senast 2019-04-01. När den är godkänd kan 500\u00A0000\u00A0kr för 2019 betalas ut." && d.Overdue);
        Assert.Contains(due, d => d.Text.Contains("när årsuppföljningen för 2018 är godkänd") && d.Overdue);
        Assert.Contains(due, d => d.Text.StartsWith("Inled dialogen om en ny överenskommelse", StringComparison.Ordinal) && d.Overdue);
        Assert.DoesNotContain(due, d => d.Text.StartsWith("En ny överenskommelse", StringComparison.Ordinal)); // not within 60 days of 2019-09-30 yet

        p.SubmitFollowUp(2018, "Året som gått.", null, Books, "x", Today);
        AttachStatements(p, 2018);
        p.AssessFollowUp(2018, Assessment.Approved, null, "x", Today);
        due = p.Due(new DateOnly(2019, 4, 5));
        Assert.DoesNotContain(due, d => d.Text.StartsWith("Årsuppföljningen för 2018", StringComparison.Ordinal));

        // Quarterly follow-ups not presented within a month of the quarter are late on the dashboard too (the last half year's).
        Assert.Contains(due, d => d.Text == "Kvartalsuppföljning kvartal 4 2018 ska presenteras för nämnden och styrelsen senast 2019-01-30." && d.Overdue);
        Assert.DoesNotContain(due, d => d.Text.StartsWith("Kvartalsuppföljning kvartal 2 2018", StringComparison.Ordinal)); // more than six months ago
        p.SaveQuarterly(2018, 4, null, "x", new DateOnly(2019, 1, 10));
        p.RecordPresented(2018, 4, new DateOnly(2019, 1, 20), new DateOnly(2019, 1, 22), new DateOnly(2019, 1, 22));
        Assert.DoesNotContain(p.Due(new DateOnly(2019, 4, 5)), d => d.Text.StartsWith("Kvartalsuppföljning kvartal 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Termination_for_breach_cancels_future_payments_keeps_repayment_open_and_makes_the_rest_read_only()
    {
        var p = Partnership.Start(Signed(GuidelinePresets.Stenungsund, new DateOnly(2018, 1, 1), new DateOnly(2019, 12, 31)), At);
        p.RecordCoordination(new DateOnly(2018, 2, 2), "Arbetsmarknadsenheten", "Handläggare, ungdomen, föreningens handledare", "Placering från 1 mars.", "Tove", Today);
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 15), "VER 2018-0042", "Tove", Today);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => p.Terminate(new DateOnly(2018, 9, 1), " ", "Tove", Today)).Field);
        p.Terminate(new DateOnly(2018, 9, 1), "Medlen har använts till annat än verksamheten.", "Tove", Today);
        Assert.Equal(EndKind.Terminated, p.Ended!.Kind);
        Assert.True(p.Payments[1].Cancelled);
        Assert.True(Assert.Throws<DomainException>(() => p.RecordMeeting(new DateOnly(2018, 9, 2), MeetingKind.Extra, null, ["Lars Backlund"], null, [], "x", At)).IsConflict);
        Assert.True(Assert.Throws<DomainException>(() => p.MarkPaid(p.Payments[1].Id, new DateOnly(2018, 9, 2), "VER", "x", Today)).IsConflict);
        p.ClaimRepayment(null, true, RepaymentReason.Misuse, "Medlen har använts till annat.", "Tove", Today); // still possible after termination
        Assert.Empty(p.Due(new DateOnly(2019, 4, 5)));
    }

    [Fact]
    public void A_partnership_is_closed_after_its_term_when_every_follow_up_is_approved_and_every_payment_made()
    {
        var p = Soraker2018();
        Assert.Contains("löper till", Assert.Throws<DomainException>(() => p.Close(null, "Tove", new DateOnly(2018, 6, 1))).Message);
        Assert.Contains("2018", Assert.Throws<DomainException>(() => p.Close(null, "Tove", new DateOnly(2019, 4, 1))).Message);
        p.SubmitFollowUp(2018, "Året som gått.", null, Books, "x", Today);
        AttachStatements(p, 2018);
        p.AssessFollowUp(2018, Assessment.Approved, null, "x", Today);
        Assert.Contains("utbetalningar", Assert.Throws<DomainException>(() => p.Close(null, "Tove", new DateOnly(2019, 4, 1))).Message);
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 15), "VER 2018-0042", "Tove", Today);
        p.Close(null, "Tove", new DateOnly(2019, 4, 1));
        Assert.True(Assert.Throws<DomainException>(() => p.ClaimRepayment(1m, false, RepaymentReason.Misuse, "Sent.", "x", Today)).IsConflict);
    }

    [Fact]
    public void The_quarterly_follow_up_is_drafted_from_the_quarters_meetings_reviews_and_money_used()
    {
        var p = Soraker2018();
        var premises = p.BudgetLines.Single(l => l.Label == "Lokaler");
        p.RecordMeeting(new DateOnly(2018, 2, 1), MeetingKind.Ordinary, null, ["Lars Backlund", "Christina Thonman"], null,
            [new("Fyra ungdomar tas emot.", []), new("Ljudutrustning.", [new Objection("Lars Backlund", "Ryms inte.")])], "Tove", At);
        p.RecordCoordination(new DateOnly(2018, 2, 2), "Arbetsmarknadsenheten", "Handläggare, ungdomen, handledaren", "Placering från 1 mars.", "Tove", Today);
        p.ReportUsage(new DateOnly(2018, 1, 1), new DateOnly(2018, 3, 31), new Dictionary<Guid, decimal> { [premises.Id] = 41_250m }, "Christina", Today);
        var review = p.RecordReview(new DateOnly(2018, 4, 3), "Handläggare, ungdomen, handledaren", "Caféet och biografen; två ungdomar har egna pass.", "Tove", Today);
        Assert.Equal(41_250m, review.FundsUsedSoFar);
        Assert.Equal("Date", Assert.Throws<DomainException>(() => p.RecordReview(new DateOnly(2019, 1, 3), "A", "B", "x", Today)).Field);

        var draft = p.DraftQuarter(2018, 1).Replace('\u00A0', ' ');
        Assert.Contains("Styrgruppen har haft 1 möten; 1 beslut fattades och 1 förslag stoppades av en invändning.", draft);
        Assert.Contains("Samverkansmöten: 1. Trepartssamtal: 0.", draft);
        Assert.Contains("- Lokaler: 41 250 kr (hittills 41 250 kr av 165 000 kr).", draft);
        Assert.Equal("Quarter", Assert.Throws<DomainException>(() => p.DraftQuarter(2019, 1)).Field);

        var saved = p.SaveQuarterly(2018, 1, "Verksamheten har kommit igång enligt plan.", "Tove", Today);
        Assert.Equal(p.DraftQuarter(2018, 1), saved.Draft);
        Assert.Equal("PresentedToCommittee", Assert.Throws<DomainException>(() => p.RecordPresented(2018, 1, null, null, Today)).Field);
        p.RecordPresented(2018, 1, Today, null, Today);
        p.RecordPresented(2018, 1, null, Today, Today);
        Assert.Equal((Today, Today), (p.Quarterly[0].PresentedToCommittee!.Value, p.Quarterly[0].PresentedToBoard!.Value));
    }
}
