using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Samverka.Domain.Agreements;
using Samverka.Domain.Cases;
using Samverka.Domain.Partnerships;
using Samverka.Domain.Common;
using Samverka.Domain.Funding;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Municipalities;
using Samverka.Domain.Organisations;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Infrastructure.Audit;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Data;

/// <summary>
/// The one database. Tenant and organisation scope is applied here, as query filters on reads
/// and as a check on writes, from <see cref="CurrentUser"/>; audit entries and concurrency
/// versions are written here in the same SaveChanges as the change. Each provider has a thin
/// subclass with its own migrations (SqliteSamverkaDbContext, PostgresSamverkaDbContext).
/// </summary>
public abstract class SamverkaDbContext : IdentityUserContext<ApplicationUser, Guid>, IDataProtectionKeyContext
{
    private static readonly JsonSerializerOptions AuditJson = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Properties never copied into the audit log (secrets, or noise that changes on every sign-in).</summary>
    private static readonly HashSet<string> NotAudited =
    [
        nameof(ApplicationUser.PasswordHash), nameof(ApplicationUser.SecurityStamp), nameof(ApplicationUser.ConcurrencyStamp),
        nameof(ApplicationUser.AccessFailedCount), nameof(ApplicationUser.NormalizedEmail), nameof(ApplicationUser.NormalizedUserName),
        nameof(IVersioned.Version), nameof(Organisation.SearchText),
        nameof(Agreement.Content), // kept whole in every AgreementVersion; the audit records the version number
    ];

    private readonly CurrentUserAccessor? _users;
    private readonly TimeProvider _clock;
    private readonly IHttpContextAccessor? _http;

    protected SamverkaDbContext(DbContextOptions options, CurrentUserAccessor? users, TimeProvider? clock, IHttpContextAccessor? http)
        : base(options)
    {
        _users = users;
        _clock = clock ?? TimeProvider.System;
        _http = http;
    }

    public DbSet<Municipality> Municipalities => Set<Municipality>();
    public DbSet<Committee> Committees => Set<Committee>();
    public DbSet<Guideline> Guidelines => Set<Guideline>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationDocument> OrganisationDocuments => Set<OrganisationDocument>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseNumberEntry> CaseNumbers => Set<CaseNumberEntry>();
    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementVersion> AgreementVersions => Set<AgreementVersion>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<ObligationRow> Obligations => Set<ObligationRow>();
    public DbSet<CommitmentRow> Commitments => Set<CommitmentRow>();
    public DbSet<PartnershipParty> PartnershipParties => Set<PartnershipParty>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<TeamChange> TeamChanges => Set<TeamChange>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<DayNote> DayNotes => Set<DayNote>();
    public DbSet<BudgetFrame> BudgetFrames => Set<BudgetFrame>();
    public DbSet<OtherSupport> OtherSupport => Set<OtherSupport>();
    public DbSet<UserOrganisation> UserOrganisations => Set<UserOrganisation>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Features.Notifications.Notification> Notifications => Set<Features.Notifications.Notification>();
    public DbSet<Features.Notifications.OutgoingMail> OutgoingMail => Set<Features.Notifications.OutgoingMail>();
    public DbSet<Features.Notifications.NotificationPreference> NotificationPreferences => Set<Features.Notifications.NotificationPreference>();
    public DbSet<Features.Notifications.CalendarFeed> CalendarFeeds => Set<Features.Notifications.CalendarFeed>();

    public CurrentUser Actor => _users?.User ?? CurrentUser.System;

    // Read by the query filters: EF re-evaluates these per context instance (per request).
    private bool ScopeAll => Actor.SeesAllMunicipalities;
    private Guid[] ScopeMunicipalities => Actor.MunicipalityIds;
    private bool ScopeAllOrganisations => Actor.SeesAllMunicipalities || (Actor.IsAuthenticated && !Actor.IsOrganisationBound);
    private Guid[] ScopeOrganisations => Actor.OrganisationIds;
    private Guid[] ScopeParties => [.. Actor.MunicipalityIds, .. Actor.OrganisationIds];
    private bool ScopeOrganisationBound => Actor.IsOrganisationBound;
    private bool ScopeSystem => Actor.IsSystem;
    private Guid ScopeUserId => Actor.UserId ?? Guid.Empty;

    /// <summary>The partnerships whose team the actor is on, loaded once per context before a save that touches personal data.</summary>
    private HashSet<Guid>? _teamPartnerships;
    private HashSet<Guid>? _writableOrganisations;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SamverkaDbContext).Assembly);
        ApplyScopeFilters(builder);
    }

    /// <summary>The one place where what a user may read is decided. A test checks every scoped entity has a filter.</summary>
    private void ApplyScopeFilters(ModelBuilder builder)
    {
        // Representatives see which municipalities exist (to send an initiative), not their set-up.
        builder.Entity<Municipality>().HasQueryFilter(m => ScopeAll || ScopeOrganisationBound || ScopeMunicipalities.Contains(m.Id));
        builder.Entity<Committee>().HasQueryFilter(c => ScopeAll || ScopeMunicipalities.Contains(c.MunicipalityId));
        // Guidelines are public documents; organisation representatives read them to know what applies to their initiatives.
        builder.Entity<Guideline>().HasQueryFilter(g => ScopeAll || ScopeOrganisationBound || ScopeMunicipalities.Contains(g.MunicipalityId));
        builder.Entity<Organisation>().HasQueryFilter(o => ScopeAllOrganisations || ScopeOrganisations.Contains(o.Id));
        // An organisation's documents (statutes, board lists, minutes) are for its representatives and for the
        // municipalities that have a case or a partnership with it (ADR 0003); the Case and Partnership filters apply inside.
        builder.Entity<OrganisationDocument>().HasQueryFilter(d => ScopeAll || ScopeOrganisations.Contains(d.OrganisationId)
            || (!ScopeOrganisationBound && (Set<Case>().Any(c => c.OrganisationIds.Contains(d.OrganisationId))
                || Set<Partnership>().Any(p => Set<PartnershipParty>().Any(x => x.PartnershipId == p.Id && x.PartyId == d.OrganisationId)))));
        // A case is seen by every participating municipality and by the representatives of every party.
        builder.Entity<Case>().HasQueryFilter(c => ScopeAll
            || c.MunicipalityIds.Any(m => ScopeMunicipalities.Contains(m))
            || c.OrganisationIds.Any(o => ScopeOrganisations.Contains(o)));
        builder.Entity<CaseNumberEntry>().HasQueryFilter(e => ScopeAll || ScopeMunicipalities.Contains(e.MunicipalityId));
        builder.Entity<CaseAttachment>().HasQueryFilter(a => ScopeAll
            || Set<Case>().Any(c => c.Id == a.CaseId));
        builder.Entity<Agreement>().HasQueryFilter(a => ScopeAll
            || a.MunicipalityIds.Any(m => ScopeMunicipalities.Contains(m))
            || a.OrganisationIds.Any(o => ScopeOrganisations.Contains(o)));
        // Through PartnershipParties and its index: any participating municipality is mine, or any party is my organisation.
        builder.Entity<Partnership>().HasQueryFilter(p => ScopeAll
            || Set<PartnershipParty>().Where(x => ScopeParties.Contains(x.PartyId)).Select(x => x.PartnershipId).Contains(p.Id));
        // A partnership's records are seen by whoever sees the partnership.
        RecordFilter<SteeringMeeting>(builder);
        RecordFilter<Payment>(builder);
        RecordFilter<YearlyFollowUp>(builder);
        RecordFilter<QuarterlyReport>(builder);
        RecordFilter<CoordinationMeeting>(builder);
        RecordFilter<TripartiteReview>(builder);
        RecordFilter<UsageReport>(builder);
        RecordFilter<RepaymentClaim>(builder);
        RecordFilter<Surplus>(builder);
        RecordFilter<ActivityEntry>(builder);
        RecordFilter<NightWalk>(builder);
        builder.Entity<ObligationRow>().HasQueryFilter(o => ScopeAll || Set<Partnership>().Any(p => p.Id == o.PartnershipId));
        builder.Entity<CommitmentRow>().HasQueryFilter(x => ScopeAll || Set<Case>().Any(c => c.Id == x.CaseId));
        // Personal data: only the people on the partnership's team, on either side. Not auditors, not
        // other officials, not system administrators; only background work (retention) runs as System.
        builder.Entity<TeamMember>().HasQueryFilter(t => ScopeAll
            || Set<Partnership>().Any(p => p.Id == t.PartnershipId));
        builder.Entity<TeamChange>().HasQueryFilter(t => ScopeAll
            || Set<Partnership>().Any(p => p.Id == t.PartnershipId));
        builder.Entity<Participant>().HasQueryFilter(x => ScopeSystem
            || Set<TeamMember>().Any(t => t.PartnershipId == x.PartnershipId && t.UserId == ScopeUserId));
        builder.Entity<DayNote>().HasQueryFilter(x => ScopeSystem
            || Set<TeamMember>().Any(t => t.PartnershipId == x.PartnershipId && t.UserId == ScopeUserId));
        // A person's inbox, choices and calendar addresses are theirs alone; the outbox is background work's.
        builder.Entity<Features.Notifications.Notification>().HasQueryFilter(n => ScopeSystem || n.UserId == ScopeUserId);
        builder.Entity<Features.Notifications.NotificationPreference>().HasQueryFilter(n => ScopeSystem || n.UserId == ScopeUserId);
        builder.Entity<Features.Notifications.CalendarFeed>().HasQueryFilter(n => ScopeSystem || n.UserId == ScopeUserId);
        builder.Entity<Features.Notifications.OutgoingMail>().HasQueryFilter(m => ScopeSystem);
        builder.Entity<AgreementVersion>().HasQueryFilter(v => ScopeAll
            || Set<Agreement>().Any(a => a.Id == v.AgreementId));
        builder.Entity<BudgetFrame>().HasQueryFilter(f => ScopeAll || ScopeMunicipalities.Contains(f.MunicipalityId));
        builder.Entity<OtherSupport>().HasQueryFilter(s => ScopeAll || ScopeMunicipalities.Contains(s.MunicipalityId));
        builder.Entity<AuditEntry>().HasQueryFilter(a => ScopeAll
            || (a.MunicipalityId != null && ScopeMunicipalities.Contains(a.MunicipalityId.Value))
            || (a.MunicipalityId == null && a.EntityType != nameof(ApplicationUser) && ScopeAllOrganisations)
            || (a.OrganisationId != null && ScopeOrganisations.Contains(a.OrganisationId.Value)));
    }

    private void RecordFilter<T>(ModelBuilder builder) where T : class, IPartnershipRecord =>
        builder.Entity<T>().HasQueryFilter(x => ScopeAll
            || Set<Partnership>().Any(p => p.Id == EF.Property<Guid>(x, PartnershipRecordTables.PartnershipId)));

    /// <summary>The partnerships tracked in this save, by id: the owners of the records being written.</summary>
    private Dictionary<Guid, Partnership> _roots = [];

    /// <summary>
    /// Writes back what the domain did to the records of every tracked partnership: a record the
    /// partnership holds that is not tracked is added; one replaced by a changed copy (the domain's
    /// records are immutable) is updated with only the fields that differ, against the version
    /// read; one no longer held is deleted. Kinds that were not read are neither held nor tracked,
    /// so they are left alone. Runs before every save; a service runs it first when it must name the
    /// version a client read.
    /// </summary>
    public void SyncPartnershipRecords()
    {
        var roots = ChangeTracker.Entries<Partnership>().Where(e => e.State is not (EntityState.Deleted or EntityState.Detached)).Select(e => e.Entity).ToList();
        if (roots.Count == 0)
        {
            return;
        }

        var withParties = ChangeTracker.Entries<PartnershipParty>().Select(e => e.Entity.PartnershipId).ToHashSet();
        foreach (var added in ChangeTracker.Entries<Partnership>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList())
        {
            if (withParties.Add(added.Id))
            {
                PartnershipParties.AddRange(added.MunicipalityIds.Concat(added.OrganisationIds).Distinct().Select(id => new PartnershipParty { PartnershipId = added.Id, PartyId = id }));
            }
        }

        // Each partnership's tracked records, by kind and id (read once: a bulk load tracks many).
        var tracked = ChangeTracker.Entries().Where(e => e.Entity is IPartnershipRecord)
            .GroupBy(e => (Guid)e.Property(PartnershipRecordTables.PartnershipId).CurrentValue!)
            .ToDictionary(g => g.Key, g => g.ToDictionary(e => (e.Metadata.ClrType, ((IPartnershipRecord)e.Entity).Id)));
        foreach (var p in roots)
        {
            var mine = tracked.GetValueOrDefault(p.Id) ?? [];
            var held = new HashSet<(Type, Guid)>();
            foreach (var record in p.Records())
            {
                var key = (record.GetType(), record.Id);
                held.Add(key);
                if (!mine.TryGetValue(key, out var entry))
                {
                    var added = Entry((object)record);
                    added.Property(PartnershipRecordTables.PartnershipId).CurrentValue = p.Id;
                    added.State = EntityState.Added;
                    continue;
                }

                if (ReferenceEquals(entry.Entity, record))
                {
                    continue;
                }

                var state = entry.State;
                var originals = entry.OriginalValues.Clone();
                entry.State = EntityState.Detached;
                var copy = Entry((object)record);
                copy.Property(PartnershipRecordTables.PartnershipId).CurrentValue = p.Id;
                if (state == EntityState.Added)
                {
                    copy.State = EntityState.Added;
                }
                else
                {
                    copy.State = EntityState.Unchanged;
                    copy.OriginalValues.SetValues(originals);
                    copy.DetectChanges();
                }

                mine[key] = copy;
            }

            foreach (var (key, entry) in mine)
            {
                if (!held.Contains(key) && entry.State is not (EntityState.Deleted or EntityState.Detached))
                {
                    entry.State = entry.State == EntityState.Added ? EntityState.Detached : EntityState.Deleted;
                }
            }
        }
    }

    /// <summary>
    /// The one way services change what they read: <paramref name="change"/> alters tracked
    /// entities, then one save (one transaction, with its audit entries). A change refused on the
    /// way (a domain rule, a unique key, a scope check) may already have altered entities in memory:
    /// nothing of it stays tracked, so a page shown again with the reason reads what is stored. A
    /// stale save (409) keeps its entries, from which the other person's change is described.
    /// </summary>
    public async Task SaveChangeAsync(Func<Task> change, CancellationToken ct)
    {
        try
        {
            await change();
            await SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not DbUpdateConcurrencyException)
        {
            ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>The version a client read of one record, made the WHERE of its update (after <see cref="SyncPartnershipRecords"/>).</summary>
    public void ExpectVersion(IPartnershipRecord record, Guid version)
    {
        var entry = ChangeTracker.Entries().FirstOrDefault(e => e.Entity is IPartnershipRecord r && r.Id == record.Id && e.Metadata.ClrType == record.GetType());
        if (entry is not null)
        {
            entry.Property(nameof(IVersioned.Version)).OriginalValue = version;
        }
    }

    /// <summary>The same as <see cref="SaveChangesAsync(bool, CancellationToken)"/>: one path for every save.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (_teamPartnerships is null && !Actor.IsSystem && ChangeTracker.Entries<IPersonalData>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            _teamPartnerships = await LoadTeamPartnershipsAsync(cancellationToken);
        }

        if (!Actor.SeesAllMunicipalities && !Actor.IsOrganisationBound)
        {
            _writableOrganisations = await WritableOrganisationsAsync(cancellationToken);
        }

        PrepareSave();
        var touched = TouchedPartnerships();
        var (cases, agreements, paying) = TouchedMoney();
        if (touched.Count == 0 && cases.Count == 0 && agreements.Count == 0)
        {
            return await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The partnership's obligations and the case's commitments are rebuilt from what this save wrote, in the same transaction.
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
            await ObligationRefresh.RefreshAsync(this, touched, cancellationToken);
            await CommitmentRefresh.RefreshAsync(this, await CommitmentRefresh.TouchedCasesAsync(this, cases, agreements, paying, cancellationToken), cancellationToken);
            ChangeTracker.DetectChanges();
            saved += await SaveCoreAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    private async Task<int> SaveCoreAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    /// <summary>What this save changes that a case's money follows from: cases, agreements, and partnerships (root or payments).</summary>
    private (HashSet<Guid> Cases, HashSet<Guid> Agreements, HashSet<Guid> Partnerships) TouchedMoney()
    {
        var (cases, agreements, partnerships) = (new HashSet<Guid>(), new HashSet<Guid>(), new HashSet<Guid>());
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            switch (entry.Entity)
            {
                case Case c:
                    cases.Add(c.Id);
                    break;
                case Agreement a:
                    agreements.Add(a.Id);
                    break;
                case Partnership p:
                    partnerships.Add(p.Id);
                    break;
                case Payment:
                    partnerships.Add((Guid)entry.Property(PartnershipRecordTables.PartnershipId).CurrentValue!);
                    break;
            }
        }

        return (cases, agreements, partnerships);
    }

    /// <summary>The partnerships whose root or records this save adds, changes or deletes.</summary>
    private HashSet<Guid> TouchedPartnerships()
    {
        var touched = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case Partnership p when entry.State != EntityState.Deleted:
                    touched.Add(p.Id);
                    break;
                case IPartnershipRecord:
                    touched.Add((Guid)entry.Property(PartnershipRecordTables.PartnershipId).CurrentValue!);
                    break;
            }
        }

        return touched;
    }

    /// <summary>Whether the actor may change this organisation's record and hand in its documents: the rule <see cref="EnforceWriteScope"/> enforces, for pages to offer only what will be accepted.</summary>
    public async Task<bool> MayWriteOrganisationAsync(Guid id, CancellationToken ct)
    {
        var actor = Actor;
        return actor.SeesAllMunicipalities
            || (actor.IsOrganisationBound ? actor.OrganisationIds.Contains(id)
                : actor.Role is Role.Official or Role.MunicipalAdministrator && (await RelatedOrganisationsAsync([id], ct)).Contains(id));
    }

    /// <summary>
    /// Of the organisations this save changes or hands documents in for, those a municipal actor may
    /// write: one being registered in this save, or one with a case or partnership in the actor's municipalities.
    /// </summary>
    private async Task<HashSet<Guid>> WritableOrganisationsAsync(CancellationToken ct)
    {
        var registered = ChangeTracker.Entries<Organisation>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        List<Guid> written =
        [
            .. ChangeTracker.Entries<Organisation>().Where(e => e.State is EntityState.Modified or EntityState.Deleted).Select(e => e.Entity.Id),
            .. ChangeTracker.Entries<OrganisationDocument>().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => e.Entity.OrganisationId),
        ];
        var writable = await RelatedOrganisationsAsync([.. written.Where(id => !registered.Contains(id))], ct);
        writable.UnionWith(registered);
        return writable;
    }

    /// <summary>Of <paramref name="ids"/>, the organisations with a case or partnership in the actor's municipalities (the filters decide which the actor sees).</summary>
    private async Task<HashSet<Guid>> RelatedOrganisationsAsync(List<Guid> ids, CancellationToken ct)
    {
        var related = new HashSet<Guid>();
        foreach (var id in ids.Distinct())
        {
            if (await Cases.AsNoTracking().AnyAsync(c => c.OrganisationIds.Contains(id), ct)
                || await Partnerships.AsNoTracking().AnyAsync(p => Set<PartnershipParty>().Any(x => x.PartnershipId == p.Id && x.PartyId == id), ct))
            {
                related.Add(id);
            }
        }

        return related;
    }

    private async Task<HashSet<Guid>> LoadTeamPartnershipsAsync(CancellationToken ct)
    {
        var user = ScopeUserId;
        return (await TeamMembers.AsNoTracking().Where(t => t.UserId == user).Select(t => t.PartnershipId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Checks scope, stamps concurrency versions and adds the audit entries, all before the one SaveChanges (one transaction).</summary>
    private void PrepareSave()
    {
        SyncPartnershipRecords();
        ChangeTracker.DetectChanges();
        _roots = ChangeTracker.Entries<Partnership>().Select(e => e.Entity).ToDictionary(p => p.Id);
        var changed = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in changed)
        {
            EnforceWriteScope(entry);
        }

        var now = _clock.GetUtcNow();
        var audit = changed.Where(e => e.Entity is IAudited).Select(e => ToAudit(e, now)).OfType<AuditEntry>().ToList();
        foreach (var entry in changed)
        {
            if (entry.Entity is IVersioned && entry.State is EntityState.Added or EntityState.Modified)
            {
                // Through the entry, so the original value stays the one read and becomes the WHERE of the UPDATE.
                entry.Property(nameof(IVersioned.Version)).CurrentValue = Guid.NewGuid();
            }
        }

        AuditEntries.AddRange(audit);
    }

    /// <summary>The write-side twin of the query filters: nothing outside the actor's scope is changed, and auditors change nothing.</summary>
    private void EnforceWriteScope(EntityEntry entry)
    {
        if (entry.Entity is AuditEntry && entry.State != EntityState.Added)
        {
            throw new InvalidOperationException("The audit log is append-only.");
        }

        var actor = Actor;
        if (actor.IsSystem)
        {
            return;
        }

        switch (entry.Entity)
        {
            // A change may tell others (a notification, a mail in the outbox, in the same transaction); only the owner reads or changes theirs.
            case Features.Notifications.Notification or Features.Notifications.OutgoingMail when entry.State == EntityState.Added:
                break;
            case Features.Notifications.IUserOwned owned when owned.UserId != actor.UserId:
                throw new ScopeViolationException("Det här hör till en annan person.");
            case Features.Notifications.OutgoingMail:
                throw new ScopeViolationException("E-post skickas av Samverka självt.");
        }

        if (entry.Entity is not IAudited)
        {
            return;
        }

        if (actor.Role == Role.Auditor && !(entry.Entity is ApplicationUser own && own.Id == actor.UserId))
        {
            // Auditors read; the one thing they change is their own account (password, second factor).
            throw new ScopeViolationException("Revisorer har endast läsbehörighet.");
        }

        if (entry.Entity is IPersonalData personal)
        {
            // Before the administrators' pass: a system administrator is not on the team by being one.
            if (_teamPartnerships?.Contains(personal.PartnershipId) != true)
            {
                throw new ScopeViolationException("Bara de som arbetar i partnerskapet hanterar dess personuppgifter.");
            }

            return;
        }

        if (actor.SeesAllMunicipalities)
        {
            return;
        }

        switch (entry.Entity)
        {
            case Case c when c.MunicipalityIds.Any(actor.MunicipalityIds.Contains):
                break;
            case Case c when actor.IsOrganisationBound && c.OrganisationIds.Any(actor.OrganisationIds.Contains):
                break;
            case Case:
                throw new ScopeViolationException("Ärendet hör till en annan kommun eller organisation.");
            case Agreement a when a.MunicipalityIds.Any(actor.MunicipalityIds.Contains):
                break;
            case Agreement:
                throw new ScopeViolationException("Överenskommelsen hör till en annan kommun.");
            case Partnership p when p.MunicipalityIds.Any(actor.MunicipalityIds.Contains):
                break;
            case Partnership p when actor.IsOrganisationBound && p.OrganisationIds.Any(actor.OrganisationIds.Contains):
                break;
            case Partnership:
                throw new ScopeViolationException("Partnerskapet hör till en annan kommun eller organisation.");
            case IPartnershipRecord when OwnerOf(entry) is { } p && (p.MunicipalityIds.Any(actor.MunicipalityIds.Contains)
                                                                    || (actor.IsOrganisationBound && p.OrganisationIds.Any(actor.OrganisationIds.Contains))):
                break;
            case IPartnershipRecord:
                throw new ScopeViolationException("Partnerskapet hör till en annan kommun eller organisation.");
            case CaseAttachment a when actor.IsOrganisationBound && Cases.Local.Any(c => c.Id == a.CaseId && c.OrganisationIds.Any(actor.OrganisationIds.Contains)):
                break;
            case IMunicipalityOwned owned when !actor.MunicipalityIds.Contains(owned.MunicipalityId):
                throw new ScopeViolationException("Posten hör till en annan kommun.");
            case Organisation org when actor.IsOrganisationBound && !actor.OrganisationIds.Contains(org.Id):
            case OrganisationDocument doc when actor.IsOrganisationBound && !actor.OrganisationIds.Contains(doc.OrganisationId):
                throw new ScopeViolationException("Du företräder inte den här organisationen.");
            // The registry is national to read; an organisation is written by its representatives and by the
            // municipalities that have a case or partnership with it (ADR 0003). Registering a new one is open.
            // (_writableOrganisations is worked out before the save: see WritableOrganisationsAsync.)
            case Organisation org when !actor.IsOrganisationBound && _writableOrganisations?.Contains(org.Id) != true:
            case OrganisationDocument doc when !actor.IsOrganisationBound && _writableOrganisations?.Contains(doc.OrganisationId) != true:
                throw new ScopeViolationException("Organisationen har inget ärende eller partnerskap med din kommun. Den ändras av sina företrädare eller av en kommun som samverkar med den.");
        }
    }

    /// <summary>The partnership a record belongs to; records are written only with their partnership read (fail closed otherwise).</summary>
    private Partnership? OwnerOf(EntityEntry entry) =>
        entry.Entity is IPartnershipRecord && _roots.TryGetValue((Guid)entry.Property(PartnershipRecordTables.PartnershipId).CurrentValue!, out var p) ? p : null;

    private AuditEntry? ToAudit(EntityEntry entry, DateTimeOffset now)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (NotAudited.Contains(name) || property.Metadata.IsShadowProperty())
            {
                continue;
            }

            if (entry.Entity is IPersonalData && name is not ("Id" or nameof(IPersonalData.PartnershipId) or nameof(DayNote.ParticipantId) or nameof(Participant.MunicipalityId)))
            {
                // Personal data is logged as which fields changed, never their content: the log is read by auditors.
                const string hidden = "(personuppgift)";
                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null:
                        changes[name] = new { after = hidden };
                        break;
                    case EntityState.Deleted when property.OriginalValue is not null:
                        changes[name] = new { before = hidden };
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = new { before = hidden, after = "(ändrad personuppgift)" };
                        break;
                }

                continue;
            }

            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes[name] = new { after = property.CurrentValue };
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes[name] = new { before = property.OriginalValue };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[name] = new { before = property.OriginalValue, after = property.CurrentValue };
                    break;
            }
        }

        if (entry.State == EntityState.Modified && changes.Count == 0)
        {
            return null;
        }

        var actor = Actor;
        return new AuditEntry
        {
            At = now,
            ActorId = actor.UserId,
            ActorName = actor.Name,
            EntityType = entry.Entity is UserOrganisation ? nameof(ApplicationUser) : entry.Metadata.ClrType.Name,
            EntityId = entry.Entity is UserOrganisation link ? link.UserId : (Guid)entry.Property("Id").CurrentValue!,
            Action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            },
            Changes = JsonSerializer.Serialize(changes, AuditJson),
            MunicipalityId = entry.Entity switch
            {
                IMunicipalityOwned owned => owned.MunicipalityId,
                IPartnershipRecord => OwnerOf(entry)?.MunicipalityId,
                ApplicationUser user => user.MunicipalityId,
                _ => null,
            },
            OrganisationId = entry.Entity switch
            {
                Organisation o => o.Id,
                OrganisationDocument d => d.OrganisationId,
                Case c => c.OrganisationIds[0],
                Agreement a => a.OrganisationIds[0],
                Partnership p => p.OrganisationIds[0],
                IPartnershipRecord => OwnerOf(entry)?.OrganisationIds.FirstOrDefault(),
                UserOrganisation linked => linked.OrganisationId,
                _ => null,
            },
            ParentId = entry.Entity is IPartnershipRecord ? OwnerOf(entry)?.Id : null,
            TraceId = _http?.HttpContext?.TraceIdentifier,
        };
    }
}

/// <summary>A write outside the actor's scope reached the database layer: a bug or an attack, never a user error.</summary>
public sealed class ScopeViolationException(string message) : Exception(message);
