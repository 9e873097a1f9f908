using Samverka.Domain.Agreements;
using Samverka.Domain.Common;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;

namespace Samverka.Domain.Tests;

/// <summary>The partnership's calendar and schedules: steering-group changes with history, the follow-up calendar, payment intervals by decision.</summary>
public sealed class PartnershipScheduleTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Partnership Soraker(GuidelineRules? rules = null, int years = 1) => Partnership.Start(
        PartnershipTests.Signed(rules ?? PartnershipTests.SorakerAgreementRules, new DateOnly(2018, 1, 1), new DateOnly(2018 + years - 1, 12, 31)), At);

    [Fact]
    public void What_the_Soraker_partnership_owes_is_stored_with_the_dates_it_is_shown_and_late_independent_of_today()
    {
        var p = Soraker();
        var owed = p.Obligations().ToDictionary(o => o.Key);

        // The grant of 500 tkr falls due on the term's first working day, 2018-01-02: shown from 30 days before, late from then, until paid.
        var pay = owed[$"payment:{p.Payments[0].Id}"];
        Assert.Equal((new DateOnly(2017, 12, 3), new DateOnly(2018, 1, 2), DateOnly.MaxValue), (pay.ShowFrom, pay.By, pay.HideAfter));
        Assert.Equal("Utbetalning 2018: 500\u00A0000\u00A0kr förfaller 2018-01-02.", pay.Text);
        // The yearly report for 2018, due 2019-03-31, a Sunday, so 2019-04-01, is shown from 60 days before that.
        Assert.Equal((new DateOnly(2019, 1, 31), new DateOnly(2019, 4, 1)), (owed["yearly:2018"].ShowFrom, owed["yearly:2018"].By));
        // Twelve ordinary meetings, each shown the week before its day; the fourth quarter is presented by 2019-01-30.
        Assert.Equal(12, owed.Keys.Count(k => k.StartsWith("meeting:", StringComparison.Ordinal)));
        Assert.Equal((new DateOnly(2018, 1, 26), new DateOnly(2018, 2, 1)), (owed["meeting:2018-02-01"].ShowFrom, owed["meeting:2018-02-01"].HideAfter));
        Assert.Equal(new DateOnly(2019, 1, 30), owed["quarterly:2018:4"].By);

        // Held, paid and approved, they are owed no more; a window on the same list is what is due on a day.
        p.RecordMeeting(new DateOnly(2018, 2, 1), MeetingKind.Ordinary, null, ["Lars Backlund", "Christina Thonman"], null, [], "Tove Timrå", At);
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 20), "VER 2018-0042", "Tove Timrå", Today);
        Assert.DoesNotContain(p.Obligations(), o => o.Key is "meeting:2018-02-01" || o.Key.StartsWith("payment:", StringComparison.Ordinal));
        Assert.Equal(p.Obligations().Where(o => o.Audience == Audience.Partnership && o.ShownOn(new DateOnly(2019, 2, 1))).Select(o => o.Text).Order(),
            p.Due(new DateOnly(2019, 2, 1)).Select(d => d.Text).Order());
    }

    [Fact]
    public void Steering_group_members_change_with_history_and_each_party_keeps_a_member()
    {
        var p = Soraker();
        var timra = p.Parties[0].Id;
        p.AddSteeringMember(timra, "Maria Berg", "enhetschef", new DateOnly(2018, 5, 1), "Tove Timrå", Today);
        p.RemoveSteeringMember("Ronny Rönnbäck", "Ny tjänst", new DateOnly(2018, 5, 1), "Tove Timrå", Today);
        Assert.Equal(["Lars Backlund", "Christina Thonman", "Eva Holmström", "Maria Berg"], p.SteeringGroup.Select(m => m.Name));
        Assert.Equal([(true, "Maria Berg"), (false, "Ronny Rönnbäck")], p.SteeringChanges.Select(c => (c.Joined, c.Member)));
        Assert.Equal("Ny tjänst", p.SteeringChanges[1].Reason);

        // The new member may attend; the one who left may not.
        p.RecordMeeting(new DateOnly(2018, 6, 1), MeetingKind.Ordinary, null, ["Maria Berg", "Eva Holmström"], null, [new("Sommaröppet caféet.", [])], "Tove Timrå", At);
        Assert.Equal("Present", Assert.Throws<DomainException>(() =>
            p.RecordMeeting(new DateOnly(2018, 7, 1), MeetingKind.Ordinary, null, ["Ronny Rönnbäck", "Eva Holmström"], null, [], "Tove Timrå", At)).Field);

        p.RemoveSteeringMember("Christina Thonman", null, new DateOnly(2018, 8, 1), "Tove Timrå", Today);
        var last = Assert.Throws<DomainException>(() => p.RemoveSteeringMember("Eva Holmström", null, new DateOnly(2018, 8, 1), "Tove Timrå", Today));
        Assert.Contains("den enda ledamoten för Söråkers Folketshusförening", last.Message, StringComparison.Ordinal);
        Assert.Equal("Name", Assert.Throws<DomainException>(() => p.AddSteeringMember(timra, "maria berg", null, new DateOnly(2018, 9, 1), "x", Today)).Field);
        Assert.Equal("On", Assert.Throws<DomainException>(() => p.AddSteeringMember(timra, "Ny Person", null, new DateOnly(2019, 1, 1), "x", Today)).Field);
        Assert.Equal("PartyId", Assert.Throws<DomainException>(() => p.AddSteeringMember(Guid.NewGuid(), "Ny Person", null, new DateOnly(2018, 9, 1), "x", Today)).Field);
    }

    [Fact]
    public void The_follow_up_calendar_shows_what_is_done_due_overdue_and_upcoming()
    {
        var p = Soraker();
        Assert.DoesNotContain(p.FollowUpCalendar(new DateOnly(2018, 4, 15)), c => c.Kind == "Trepartssamtal"); // nobody referred yet
        p.RecordCoordination(new DateOnly(2018, 1, 10), "Arbetsmarknadsenheten", "Handläggare, handledare", "Placering från 15 januari.", "Tove Timrå", Today);
        p.RecordReview(new DateOnly(2018, 1, 20), "Remitterande, ungdomen, handledaren", "Första veckorna i caféet.", "Tove Timrå", Today);
        p.SaveQuarterly(2018, 1, "Kompletterat.", "Tove Timrå", new DateOnly(2018, 4, 10));
        p.RecordPresented(2018, 1, new DateOnly(2018, 4, 20), new DateOnly(2018, 4, 25), new DateOnly(2018, 4, 25));
        var april = p.FollowUpCalendar(new DateOnly(2018, 4, 15));

        Assert.Equal(12 + 4 + 1, april.Count); // a review a month, a quarterly follow-up each quarter, one yearly
        CalendarStatus Of(string text) => april.Single(c => c.Text == text).Status;
        Assert.Equal(CalendarStatus.Done, Of("Trepartssamtal 2018-01"));
        Assert.Equal(CalendarStatus.Overdue, Of("Trepartssamtal 2018-02")); // no review in February
        Assert.Equal(CalendarStatus.Due, Of("Trepartssamtal 2018-04"));
        Assert.Equal(CalendarStatus.Upcoming, Of("Trepartssamtal 2018-05"));
        Assert.Equal(CalendarStatus.Done, Of("Kvartalsuppföljning kvartal 1 2018"));
        Assert.Equal(CalendarStatus.Upcoming, Of("Årsuppföljning 2018"));
        Assert.Equal(new DateOnly(2019, 4, 1), april.Single(c => c.Kind == "Årsuppföljning").By); // three months after the term, the next working day

        // Saved but presented only to the committee is not done; after its month it is late.
        p.SaveQuarterly(2018, 2, null, "Tove Timrå", new DateOnly(2018, 7, 5));
        p.RecordPresented(2018, 2, new DateOnly(2018, 7, 10), null, new DateOnly(2018, 7, 10));
        var august = p.FollowUpCalendar(new DateOnly(2018, 8, 15));
        Assert.Equal(CalendarStatus.Overdue, august.Single(c => c.Text == "Kvartalsuppföljning kvartal 2 2018").Status);
        Assert.Equal(new DateOnly(2018, 7, 30), august.Single(c => c.Text == "Kvartalsuppföljning kvartal 2 2018").By);
    }

    [Fact]
    public void Payments_follow_the_guidelines_interval_and_another_interval_by_decision_spreads_what_is_unpaid()
    {
        // Quarterly by the guidelines: 500 000 kr in four instalments due at each quarter's start.
        var quarterly = Soraker(PartnershipTests.SorakerAgreementRules with { PaymentInterval = Interval.Quarterly });
        Assert.Equal([new DateOnly(2018, 1, 2), new DateOnly(2018, 4, 3), new DateOnly(2018, 7, 2), new DateOnly(2018, 10, 1)], quarterly.Payments.Select(x => x.DueOn)); // each quarter's first working day
        Assert.All(quarterly.Payments, x => Assert.Equal(125_000m, x.Amount));

        // Yearly for two years with the Stenungsund gate; in March 2019 the committee decides on monthly payments.
        var p = Soraker(PartnershipTests.SorakerAgreementRules with { FollowUpGatesPayment = true }, years: 2);
        p.MarkPaid(p.Payments[0].Id, new DateOnly(2018, 1, 15), "VER 1", "Tove Timrå", new DateOnly(2018, 1, 15));
        p.ChangePaymentInterval(Interval.Monthly, "KS 2019-03-05 § 40", "Tove Timrå", new DateOnly(2019, 3, 10));

        var year2019 = p.Payments.Where(x => x.Year == 2019).ToList();
        Assert.Equal(9, year2019.Count); // April–December: the periods still to come
        Assert.Equal(500_000m, year2019.Sum(x => x.Amount)); // nothing lost to rounding
        Assert.Equal(55_555m, year2019[0].Amount);
        Assert.Equal(55_560m, year2019[^1].Amount);
        Assert.Equal(new DateOnly(2019, 4, 1), year2019[0].DueOn);
        Assert.All(year2019, x => Assert.Equal(2018, x.AwaitsFollowUpOf)); // still waiting for 2018's approved follow-up
        Assert.Equal((new DateOnly(2018, 1, 15), 500_000m), (p.Payments[0].PaidOn!.Value, p.Payments[0].Amount)); // what was paid stays
        Assert.Equal(Interval.Monthly, p.PaymentInterval);
        Assert.Equal("KS 2019-03-05 § 40", Assert.Single(p.IntervalDecisions).Decision);

        Assert.Equal("Interval", Assert.Throws<DomainException>(() => p.ChangePaymentInterval(Interval.Monthly, "igen", "x", new DateOnly(2019, 3, 11))).Field);
        Assert.Equal("Decision", Assert.Throws<DomainException>(() => p.ChangePaymentInterval(Interval.Quarterly, " ", "x", new DateOnly(2019, 3, 11))).Field);
    }

    [Fact]
    public void The_yearly_report_carries_the_books_and_is_approved_only_with_both_statements_attached()
    {
        var p = Soraker();
        Assert.Equal("Revenue", Assert.Throws<DomainException>(() => p.SubmitFollowUp(2018, "Året.", null, null, "Christina", Today)).Field);
        Assert.Equal("Expenses", Assert.Throws<DomainException>(() => p.SubmitFollowUp(2018, "Året.", null, new Finances(1, -1, 0, 0), "Christina", Today)).Field);
        Assert.Equal("Equity", Assert.Throws<DomainException>(() => p.SubmitFollowUp(2018, "Året.", null, new Finances(1, 1, 100, 200), "Christina", Today)).Field);
        Assert.Equal("Year", Assert.Throws<DomainException>(() =>
            p.AttachStatement(2018, StatementKind.BalanceSheet, Guid.NewGuid(), "b.pdf", Organisations.FileFormat.Pdf, "x", "Christina", Today)).Field); // nothing handed in yet

        // Söråker's own figures: 1 020 tkr in, 990 440 kr out; a negative equity is possible, a loss is shown as such.
        p.SubmitFollowUp(2018, "Tolv ungdomar har arbetstränat.", null, new Finances(1_020_000m, 990_440m, 310_000m, -15_000m), "Christina", Today);
        Assert.Equal(29_560m, p.FollowUps[0].Finances!.Result);
        p.AttachStatement(2018, StatementKind.IncomeStatement, Guid.NewGuid(), "resultat-utkast.pdf", Organisations.FileFormat.Pdf, "a", "Christina", Today);
        var refused = Assert.Throws<DomainException>(() => p.AssessFollowUp(2018, Assessment.Approved, null, "Tove", Today));
        Assert.Contains("balansräkningen", refused.Message, StringComparison.Ordinal);

        p.AttachStatement(2018, StatementKind.IncomeStatement, Guid.NewGuid(), "resultat.pdf", Organisations.FileFormat.Pdf, "c", "Christina", Today);
        p.AttachStatement(2018, StatementKind.BalanceSheet, Guid.NewGuid(), "balans.pdf", Organisations.FileFormat.Pdf, "b", "Christina", Today);
        Assert.Equal(["resultat.pdf", "balans.pdf"], p.FollowUps[0].Statements!.Select(x => x.FileName)); // a new file replaces the one of its kind
        p.SubmitFollowUp(2018, "Tolv ungdomar har arbetstränat; rättat.", null, new Finances(1_020_000m, 990_440m, 310_000m, 15_000m), "Christina", Today);
        Assert.Equal(2, p.FollowUps[0].Statements!.Count); // handing in again keeps the statements
        p.AssessFollowUp(2018, Assessment.Approved, null, "Tove", Today);
        Assert.True(Assert.Throws<DomainException>(() =>
            p.AttachStatement(2018, StatementKind.BalanceSheet, Guid.NewGuid(), "ny.pdf", Organisations.FileFormat.Pdf, "d", "Christina", Today)).IsConflict);
    }

    [Fact]
    public void The_deciding_committee_is_told_of_quarterly_follow_ups_to_present_and_of_the_renewal_deadline()
    {
        var p = Partnership.Start(PartnershipTests.Signed(GuidelinePresets.Stenungsund, new DateOnly(2018, 1, 1), new DateOnly(2019, 12, 31)), At);
        p.SaveQuarterly(2018, 1, null, "Tove", new DateOnly(2018, 4, 10));
        var due = Assert.Single(p.DueForCommittee(new DateOnly(2018, 4, 20)));
        Assert.Equal(("Kvartalsuppföljning kvartal 1 2018 ska presenteras för nämnden.", false), (due.Text, due.Overdue));
        Assert.True(Assert.Single(p.DueForCommittee(new DateOnly(2018, 5, 20))).Overdue); // a month after it was saved
        p.RecordPresented(2018, 1, new DateOnly(2018, 5, 15), null, new DateOnly(2018, 5, 20));
        Assert.Empty(p.DueForCommittee(new DateOnly(2018, 5, 20)));

        // Stenungsund: a new agreement decided at the latest three months before the end; shown from 60 days before.
        var latest = p.RenewLatest!.Value;
        Assert.Equal(new DateOnly(2019, 9, 30), latest);
        Assert.Empty(p.DueForCommittee(latest.AddDays(-61)));
        Assert.Equal($"En ny överenskommelse ska vara beslutad senast {Formatting.Swedish.Date(latest)}.", Assert.Single(p.DueForCommittee(latest.AddDays(-30))).Text);
        p.MarkRenewed(Guid.NewGuid());
        Assert.Empty(p.DueForCommittee(latest.AddDays(-30)));
    }
}
