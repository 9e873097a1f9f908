using Microsoft.AspNetCore.Authorization;
using Samverka.Domain.Common;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>
/// Every page and endpoint names one of these (or allows anonymous access explicitly). What a
/// policy lets a user <em>see</em> inside is narrowed further by the database scope filters.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user: own account, own tokens, start page.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Reads a municipality's own records: everyone who works for one, and system administrators.</summary>
    public const string MunicipalStaff = nameof(MunicipalStaff);

    /// <summary>Changes a municipality's set-up: committees, users.</summary>
    public const string ManageMunicipality = nameof(ManageMunicipality);

    /// <summary>Reads the organisation registry (representatives only their own organisations).</summary>
    public const string ReadOrganisations = nameof(ReadOrganisations);

    /// <summary>Registers and edits organisations (representatives only their own).</summary>
    public const string EditOrganisations = nameof(EditOrganisations);

    /// <summary>Opens an initiative: representatives for their organisations, officials on an organisation's behalf.</summary>
    public const string OpenCases = nameof(OpenCases);

    /// <summary>Prepares cases (dialogue, judgements, sending to decision) and keeps the register of other support.</summary>
    public const string CaseWork = nameof(CaseWork);

    /// <summary>Records a body's decision: officials and the committee members themselves.</summary>
    public const string DecideCases = nameof(DecideCases);

    /// <summary>Reads the audit log of records in scope.</summary>
    public const string ReadAudit = nameof(ReadAudit);

    /// <summary>Creates municipalities and their first administrators.</summary>
    public const string SystemAdministration = nameof(SystemAdministration);

    /// <summary>The roles each policy admits. The authorization test holds its own copy of this table on purpose.</summary>
    public static readonly IReadOnlyDictionary<string, Role[]> Admits = new Dictionary<string, Role[]>
    {
        [SignedIn] = Enum.GetValues<Role>(),
        [MunicipalStaff] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.CommitteeMember, Role.Auditor],
        [ManageMunicipality] = [Role.SystemAdministrator, Role.MunicipalAdministrator],
        [ReadOrganisations] = Enum.GetValues<Role>(),
        [EditOrganisations] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.OrganisationRepresentative],
        [OpenCases] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.OrganisationRepresentative],
        [CaseWork] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official],
        [DecideCases] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.CommitteeMember],
        [ReadAudit] = [Role.SystemAdministrator, Role.MunicipalAdministrator, Role.Official, Role.Auditor],
        [SystemAdministration] = [Role.SystemAdministrator],
    };

    public static void Register(AuthorizationOptions options)
    {
        foreach (var (name, roles) in Admits)
        {
            options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
        }

        // No fallback policy: an address that matches nothing must answer 404 to everyone, and
        // every endpoint that does exist names its policy (the authorization test fails otherwise).
    }

    public static bool Allows(this CurrentUser user, string policy) =>
        user.IsSystem || (user.Role is { } role && Admits[policy].Contains(role));
}
