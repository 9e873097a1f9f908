using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Deadlines;
using Samverka.Domain.Formatting;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Partnerships;
using Samverka.Web.Data;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Notifications;

/// <summary>A person a reminder can reach: not blocked, with an e-mail address.</summary>
public sealed record Recipient(Guid UserId, string Email, string Name, Role Role, int LeadDays);

/// <summary>A deadline with the people who must act on it and those it escalates to when late.</summary>
public sealed record Addressed(Deadline Deadline, IReadOnlyList<Recipient> Act, IReadOnlyList<Recipient> Oversee);

/// <summary>
/// The one deadline engine: everything dated that someone must do, read from the database by
/// indexed dates (the partnerships' stored obligations, cases in the decision step, each
/// municipality's current guidelines), each with who must act. Reads as System: who sees what is
/// decided by who receives it. The reminders, the calendar feeds and the check before sending all
/// use it.
/// </summary>
public sealed class DeadlineEngine(SamverkaDbContext db)
{
    /// <summary>The prefixes of <see cref="Deadline.Key"/>, one per source.</summary>
    private const string PartnershipPrefix = "p:";
    private const string CasePrefix = "case:";
    private const string GuidelinePrefix = "guideline:";
    private const string RetentionPrefix = "retention:";

    /// <summary>
    /// The deadlines open on <paramref name="today"/> that may need telling within
    /// <paramref name="horizonDays"/>: due by then, shown (not hidden) today or later, or announced already.
    /// </summary>
    /// <remarks>
    /// Given <paramref name="partnerships"/>, only their obligations; given <paramref name="municipalities"/>, only
    /// those municipalities' cases and guidelines; given neither, everything (the daily pass).
    /// </remarks>
    public async Task<IReadOnlyList<Deadline>> OpenAsync(DateOnly today, int horizonDays, CancellationToken ct,
        IReadOnlyCollection<Guid>? partnerships = null, IReadOnlyCollection<Guid>? municipalities = null)
    {
        var until = today.AddDays(horizonDays);
        var list = new List<Deadline>();
        var obligations = new List<ObligationRow>();
        if (partnerships is null)
        {
            obligations = await db.Obligations.IgnoreQueryFilters().AsNoTracking().Where(o => o.By <= until && o.HideAfter >= today)
                .OrderBy(o => o.PartnershipId).ThenBy(o => o.Key).ToListAsync(ct);
        }
        else
        {
            foreach (var chunk in partnerships.Chunk(500))
            {
                obligations.AddRange(await db.Obligations.IgnoreQueryFilters().AsNoTracking()
                    .Where(o => chunk.Contains(o.PartnershipId) && o.By <= until && o.HideAfter >= today).OrderBy(o => o.PartnershipId).ThenBy(o => o.Key).ToListAsync(ct));
            }
        }

        var titles = await PartnershipTitlesAsync(obligations.Select(o => o.PartnershipId).Distinct().ToList(), ct);
        foreach (var o in obligations)
        {
            if (titles.TryGetValue(o.PartnershipId, out var p))
            {
                list.Add(FromObligation(o, p.Title, p.CommitteeId));
            }
        }

        list.AddRange(await RetentionAsync(partnerships, today, horizonDays, ct));
        if (partnerships is not null && municipalities is null)
        {
            return list;
        }

        var inMunicipalities = municipalities?.ToList();
        list.AddRange(await DecisionsAsync(null, ct, inMunicipalities));
        list.AddRange(await GuidelineReviewsAsync(today, inMunicipalities, ct));
        return list;
    }

    /// <summary>Of these deadline keys, those still open on <paramref name="today"/> (met ones are not: nothing is sent for what is done).</summary>
    public async Task<HashSet<string>> StillOpenAsync(IReadOnlyCollection<string> keys, DateOnly today, CancellationToken ct)
    {
        var open = new HashSet<string>();
        var obligations = keys.Where(k => k.StartsWith(PartnershipPrefix, StringComparison.Ordinal))
            .Select(k => (Key: k, Parts: k[PartnershipPrefix.Length..].Split(':', 2)))
            .Where(x => x.Parts.Length == 2 && Guid.TryParse(x.Parts[0], out _)).ToList();
        foreach (var chunk in obligations.Chunk(200))
        {
            var ids = chunk.Select(x => Guid.Parse(x.Parts[0])).Distinct().ToList();
            var names = chunk.Select(x => x.Parts[1]).Distinct().ToList();
            var found = await db.Obligations.IgnoreQueryFilters().AsNoTracking().Where(o => ids.Contains(o.PartnershipId) && names.Contains(o.Key))
                .Select(o => new { o.PartnershipId, o.Key }).ToListAsync(ct);
            open.UnionWith(found.Select(f => $"{PartnershipPrefix}{f.PartnershipId}:{f.Key}"));
        }

        var cases = keys.Where(k => k.StartsWith(CasePrefix, StringComparison.Ordinal)).Select(k => Guid.TryParse(k.Split(':')[1], out var id) ? id : Guid.Empty).ToList();
        if (cases.Count > 0)
        {
            open.UnionWith((await DecisionsAsync(cases, ct)).Select(d => d.Key));
        }

        var municipalities = keys.Where(k => k.StartsWith(GuidelinePrefix, StringComparison.Ordinal)).Select(k => Guid.TryParse(k.Split(':')[1], out var id) ? id : Guid.Empty).ToList();
        if (municipalities.Count > 0)
        {
            open.UnionWith((await GuidelineReviewsAsync(today, municipalities, ct)).Select(d => d.Key));
        }

        var retained = keys.Where(k => k.StartsWith(RetentionPrefix, StringComparison.Ordinal)).Select(k => Guid.TryParse(k.Split(':')[1], out var id) ? id : Guid.Empty).Distinct().ToList();
        if (retained.Count > 0)
        {
            open.UnionWith((await RetentionAsync(retained, today, Reminders.MaxLeadDays, ct)).Select(d => d.Key));
        }

        // What is not a deadline of these sources (a notice of something that happened) stays as it is.
        open.UnionWith(keys.Where(k => !new[] { PartnershipPrefix, CasePrefix, GuidelinePrefix, RetentionPrefix }.Any(p => k.StartsWith(p, StringComparison.Ordinal))));
        open.IntersectWith(keys);
        return open;
    }

    /// <summary>
    /// Who must act on each deadline, and who oversees it when late (the municipal administrators).
    /// The team is the partnership's team on the municipality's side, or every official of the
    /// municipality when nobody is on it; the organisation is its representatives on the team, or all
    /// its representatives; the committee is the members of the deciding committee.
    /// </summary>
    public async Task<IReadOnlyList<Addressed>> AddressAsync(IReadOnlyList<Deadline> deadlines, CancellationToken ct)
    {
        var partnershipIds = deadlines.Select(d => d.PartnershipId).OfType<Guid>().Distinct().ToList();
        var municipalityIds = deadlines.Select(d => d.MunicipalityId).Distinct().ToList();
        var committeeIds = deadlines.Select(d => d.CommitteeId).OfType<Guid>().Distinct().ToList();

        var parties = new Dictionary<Guid, List<Guid>>();
        var team = new List<(Guid PartnershipId, Guid UserId)>();
        foreach (var chunk in partnershipIds.Chunk(500))
        {
            foreach (var x in await db.PartnershipParties.AsNoTracking().Where(x => chunk.Contains(x.PartnershipId)).ToListAsync(ct))
            {
                (parties.TryGetValue(x.PartnershipId, out var l) ? l : parties[x.PartnershipId] = []).Add(x.PartyId);
            }

            team.AddRange((await db.TeamMembers.IgnoreQueryFilters().AsNoTracking().Where(t => chunk.Contains(t.PartnershipId))
                .Select(t => new { t.PartnershipId, t.UserId }).ToListAsync(ct)).Select(t => (t.PartnershipId, t.UserId)));
        }

        var organisationIds = parties.Values.SelectMany(p => p).Except(municipalityIds).Distinct().ToList();
        var representatives = new List<(Guid OrganisationId, Guid UserId)>();
        foreach (var chunk in organisationIds.Chunk(500))
        {
            representatives.AddRange((await db.UserOrganisations.AsNoTracking().Where(x => chunk.Contains(x.OrganisationId))
                .Select(x => new { x.OrganisationId, x.UserId }).ToListAsync(ct)).Select(x => (x.OrganisationId, x.UserId)));
        }

        var userIds = team.Select(t => t.UserId).Concat(representatives.Select(r => r.UserId)).Distinct().ToList();
        var people = new Dictionary<Guid, (Recipient Recipient, Guid? MunicipalityId, Guid? CommitteeId)>();
        void Add(IEnumerable<UserRow> rows)
        {
            foreach (var u in rows.Where(u => !ApplicationUser.IsBlocked(u.LockoutEnd) && !string.IsNullOrWhiteSpace(u.Email)))
            {
                people[u.Id] = (new Recipient(u.Id, u.Email!, u.DisplayName, u.Role, u.ReminderLeadDays), u.MunicipalityId, u.CommitteeId);
            }
        }

        var municipal = new[] { Role.Official, Role.MunicipalAdministrator, Role.CommitteeMember };
        foreach (var chunk in municipalityIds.Chunk(500))
        {
            Add(await Users().Where(u => u.MunicipalityId != null && chunk.Contains(u.MunicipalityId.Value) && municipal.Contains(u.Role)).ToListAsync(ct));
        }

        foreach (var chunk in userIds.Chunk(500))
        {
            Add(await Users().Where(u => chunk.Contains(u.Id)).ToListAsync(ct));
        }

        var byMunicipality = people.Values.Where(p => p.MunicipalityId is not null).ToLookup(p => p.MunicipalityId!.Value);
        var byCommittee = people.Values.Where(p => p.CommitteeId is not null && p.Recipient.Role == Role.CommitteeMember).ToLookup(p => p.CommitteeId!.Value);
        var teams = team.ToLookup(t => t.PartnershipId, t => t.UserId);
        var reps = representatives.ToLookup(r => r.OrganisationId, r => r.UserId);

        var result = new List<Addressed>(deadlines.Count);
        foreach (var d in deadlines)
        {
            var act = new Dictionary<Guid, Recipient>();
            var admins = byMunicipality[d.MunicipalityId].Where(p => p.Recipient.Role == Role.MunicipalAdministrator).Select(p => p.Recipient).ToList();
            var onTeam = d.PartnershipId is { } pid ? teams[pid].Where(people.ContainsKey).Select(id => people[id]).ToList() : [];
            if (d.Actors.HasFlag(Actors.Team))
            {
                var municipalSide = onTeam.Where(p => p.Recipient.Role is Role.Official or Role.MunicipalAdministrator).Select(p => p.Recipient).ToList();
                foreach (var r in municipalSide.Count > 0 ? municipalSide : byMunicipality[d.MunicipalityId].Where(p => p.Recipient.Role == Role.Official).Select(p => p.Recipient))
                {
                    act[r.UserId] = r;
                }
            }

            if (d.Actors.HasFlag(Actors.Organisation) && d.PartnershipId is { } partnership)
            {
                var organisations = parties.GetValueOrDefault(partnership) ?? [];
                var ofOrganisations = organisations.SelectMany(o => reps[o]).Where(people.ContainsKey).Select(id => people[id].Recipient).DistinctBy(r => r.UserId).ToList();
                var onTeamReps = ofOrganisations.Where(r => onTeam.Any(t => t.Recipient.UserId == r.UserId)).ToList();
                foreach (var r in onTeamReps.Count > 0 ? onTeamReps : ofOrganisations)
                {
                    act[r.UserId] = r;
                }
            }

            if (d.Actors.HasFlag(Actors.Committee))
            {
                var members = d.CommitteeId is { } committee ? byCommittee[committee].Select(p => p.Recipient).ToList() : [];
                foreach (var r in members.Count > 0 ? members : admins)
                {
                    act[r.UserId] = r; // no committee known or staffed: the administrator sees that it waits
                }
            }

            if (d.Actors.HasFlag(Actors.MunicipalAdministrators))
            {
                foreach (var r in admins)
                {
                    act[r.UserId] = r;
                }
            }

            result.Add(new(d, [.. act.Values.OrderBy(r => r.UserId)], [.. admins.Where(a => !act.ContainsKey(a.UserId)).OrderBy(r => r.UserId)]));
        }

        return result;
    }

    /// <summary>What a person must act on among the given partnerships and municipalities: the deadlines addressed to them (their calendar).</summary>
    public async Task<IReadOnlyList<Deadline>> ForUserAsync(Guid userId, DateOnly today, int horizonDays, IReadOnlyCollection<Guid> partnerships,
        IReadOnlyCollection<Guid> municipalities, CancellationToken ct)
    {
        var addressed = await AddressAsync(await OpenAsync(today, horizonDays, ct, partnerships, municipalities), ct);
        return addressed.Where(a => a.Act.Any(r => r.UserId == userId)).Select(a => a.Deadline).ToList();
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string? Email { get; init; }
        public string DisplayName { get; init; } = "";
        public Role Role { get; init; }
        public Guid? MunicipalityId { get; init; }
        public Guid? CommitteeId { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
        public int ReminderLeadDays { get; init; }
    }

    private IQueryable<UserRow> Users() => db.Users.AsNoTracking().Select(u => new UserRow
    {
        Id = u.Id, Email = u.Email, DisplayName = u.DisplayName, Role = u.Role, MunicipalityId = u.MunicipalityId,
        CommitteeId = u.CommitteeId, LockoutEnd = u.LockoutEnd, ReminderLeadDays = u.ReminderLeadDays,
    });

    private static Deadline FromObligation(ObligationRow o, string partnership, Guid? committeeId)
    {
        // The key names the item (meeting:2026-12-10, quarterly:2026:3, yearly:2026): the title says which.
        var parts = o.Key.Split(':');
        var what = (o.Kind, parts) switch
        {
            (DueKind.Meeting, _) => $"Styrgruppsmöte {Swedish.Date(o.By)}",
            (DueKind.YearlyFollowUp, [_, var year]) => $"Årsuppföljning {year}",
            (DueKind.QuarterlyFollowUp, [_, var year, var quarter]) => $"Kvartalsuppföljning kvartal {quarter} {year}",
            (DueKind.Payment, _) => $"Utbetalning som förfaller {Swedish.Date(o.By)}",
            (DueKind.TripartiteReview, [_, var month]) => $"Trepartssamtal {month}",
            (_, ["extension", var month]) => $"Beslut om förlängning ({month})",
            (_, ["renewal-dialogue"]) => "Dialog om en ny överenskommelse",
            _ => "Beslut om en ny överenskommelse",
        };
        return new Deadline($"{PartnershipPrefix}{o.PartnershipId}:{o.Key}", Reminders.KindOf(o.Kind), Reminders.ActorsOf(o.Kind, o.Audience), o.MunicipalityId,
            $"{what} i {partnership}", o.Text, o.By, Partnerships.DueLinks.Href(o.PartnershipId, o.Kind, o.Key), PartnershipId: o.PartnershipId, CommitteeId: committeeId);
    }

    /// <summary>The running partnerships' titles and deciding committees, by id.</summary>
    private async Task<Dictionary<Guid, (string Title, Guid? CommitteeId)>> PartnershipTitlesAsync(List<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, (string, Guid?)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Partnerships.IgnoreQueryFilters().AsNoTracking().Where(p => chunk.Contains(p.Id) && p.Ended == null)
                .Select(p => new
                {
                    p.Id, p.Title,
                    Committee = db.Agreements.IgnoreQueryFilters().Where(a => a.Id == p.AgreementId)
                        .Select(a => db.Cases.IgnoreQueryFilters().Where(c => c.Id == a.CaseId).Select(c => c.DecidingCommitteeId).FirstOrDefault()).FirstOrDefault(),
                })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                result[r.Id] = (r.Title, r.Committee);
            }
        }

        return result;
    }

    /// <summary>
    /// The day each partnership's oldest day note reaches the end of its municipality's retention
    /// period and is deleted (within the horizon): the team is told before, so nothing still needed
    /// is lost unawares. Reads the notes' dates only, never their content.
    /// </summary>
    private async Task<List<Deadline>> RetentionAsync(IReadOnlyCollection<Guid>? only, DateOnly today, int horizonDays, CancellationToken ct)
    {
        var notes = db.DayNotes.IgnoreQueryFilters().AsNoTracking();
        var oldest = new List<(Guid PartnershipId, Guid MunicipalityId, DateOnly Oldest)>();
        var chunks = only is null ? new Guid[]?[] { null } : only.Chunk(500).Select(c => (Guid[]?)c).ToArray();
        foreach (var chunk in chunks)
        {
            var q = chunk is null ? notes : notes.Where(n => chunk.Contains(n.PartnershipId));
            oldest.AddRange((await q.GroupBy(n => new { n.PartnershipId, n.MunicipalityId })
                .Select(g => new { g.Key.PartnershipId, g.Key.MunicipalityId, Oldest = g.Min(n => n.Date) }).ToListAsync(ct))
                .Select(o => (o.PartnershipId, o.MunicipalityId, o.Oldest)));
        }

        var titles = await PartnershipTitlesAsync(oldest.Select(o => o.PartnershipId).Distinct().ToList(), ct); // running partnerships only
        var municipalities = oldest.Select(o => o.MunicipalityId).Distinct().ToList();
        var months = await db.Municipalities.IgnoreQueryFilters().AsNoTracking().Where(m => municipalities.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => m.DayNoteRetentionMonths, ct);
        var list = new List<Deadline>();
        foreach (var o in oldest.Where(o => titles.ContainsKey(o.PartnershipId)))
        {
            var kept = months.GetValueOrDefault(o.MunicipalityId, Domain.Municipalities.Municipality.DefaultDayNoteRetentionMonths);
            var by = DayNote.KeptUntil(o.Oldest, kept).AddDays(1);
            if (by <= today.AddDays(horizonDays))
            {
                list.Add(new Deadline($"{RetentionPrefix}{o.PartnershipId}:{Swedish.Date(by)}", ReminderKind.Retention, Actors.Team, o.MunicipalityId,
                    $"Gallring av daganteckningar i {titles[o.PartnershipId].Title}",
                    $"Daganteckningar sparas i {kept} månader. Den äldsta, från {Swedish.Date(o.Oldest)}, raderas {Swedish.Date(by)}, och de följande när de blir lika gamla.",
                    by, $"/partnerskap/{o.PartnershipId}/deltagare", PartnershipId: o.PartnershipId));
            }
        }

        return list;
    }

    /// <summary>Cases in the decision step: their committee must decide before the term starts.</summary>
    private async Task<List<Deadline>> DecisionsAsync(List<Guid>? only, CancellationToken ct, List<Guid>? inMunicipalities = null)
    {
        var q = db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.State == CaseState.Decision);
        if (only is not null)
        {
            q = q.Where(c => only.Contains(c.Id));
        }

        if (inMunicipalities is not null)
        {
            q = q.Where(c => inMunicipalities.Contains(c.MunicipalityId));
        }

        var cases = await q.Select(c => new { c.Id, c.Title, c.MunicipalityId, c.DecidingCommitteeId, c.TermStart, c.Transitions, c.OpenedAt }).ToListAsync(ct);
        return cases.Select(c =>
        {
            var sent = c.Transitions.LastOrDefault(t => t.To == CaseState.Decision && t.From != CaseState.Decision)?.At ?? c.OpenedAt;
            var sentOn = Swedish.DayOf(sent);
            var by = Reminders.DecisionDue(sentOn, c.TermStart);
            return new Deadline($"{CasePrefix}{c.Id}:decision", ReminderKind.Decision, Actors.Committee, c.MunicipalityId,
                $"Beslut om {c.Title}", $"Ärendet väntar på nämndens beslut, senast {Swedish.Date(by)}.", by, $"/arenden/{c.Id}",
                AnnounceFrom: sentOn, CommitteeId: c.DecidingCommitteeId);
        }).ToList();
    }

    /// <summary>Each municipality's guidelines in force (the highest version) that are due or late for their review in a mandate period.</summary>
    private async Task<List<Deadline>> GuidelineReviewsAsync(DateOnly today, List<Guid>? only, CancellationToken ct)
    {
        var q = db.Guidelines.IgnoreQueryFilters().AsNoTracking()
            .Where(g => !db.Guidelines.IgnoreQueryFilters().Any(n => n.MunicipalityId == g.MunicipalityId && n.Number > g.Number));
        if (only is not null)
        {
            q = q.Where(g => only.Contains(g.MunicipalityId));
        }

        var current = await q.Select(g => new { g.MunicipalityId, g.Title, g.AdoptedOn }).ToListAsync(ct);
        return current.Select(g => (g, Review: GuidelineReview.For(g.AdoptedOn, today)))
            .Where(x => x.Review.Status != ReviewStatus.Current)
            .Select(x => new Deadline($"{GuidelinePrefix}{x.g.MunicipalityId}:review:{x.Review.DuePeriod.ElectionYear}", ReminderKind.GuidelineReview,
                Actors.MunicipalAdministrators, x.g.MunicipalityId, $"Översyn av {x.g.Title}",
                $"Riktlinjerna antogs {Swedish.Date(x.g.AdoptedOn)} och ska ses över under mandatperioden {x.Review.DuePeriod}, senast {Swedish.Date(x.Review.DueBy)}.",
                x.Review.DueBy, $"/kommuner/{x.g.MunicipalityId}/riktlinjer", AnnounceFrom: x.Review.DuePeriod.Start))
            .ToList();
    }
}
