// Generated from the contracts by gateway's UiRulesTest: do not edit (-Dshipgate.ui-rules.write=true
// rewrites it). roleIncludes: the roles each role gives (contracts' access.Role);
// deploymentStatuses: the statuses of each kind (contracts' DeploymentStatusChanged.Status).
const SHIPGATE_RULES = Object.freeze({
  roleIncludes: {
    VIEW: ['VIEW'],
    BUILD_AND_DEPLOY: ['VIEW', 'BUILD_AND_DEPLOY'],
    ADMIN: ['VIEW', 'BUILD_AND_DEPLOY', 'ADMIN'],
    MANAGER: ['VIEW', 'BUILD_AND_DEPLOY', 'ADMIN', 'MANAGER'],
    IMAGE_APPROVER: ['IMAGE_APPROVER'],
    SUPER_ADMIN: ['VIEW', 'BUILD_AND_DEPLOY', 'ADMIN', 'MANAGER', 'IMAGE_APPROVER', 'SUPER_ADMIN'],
  },
  deploymentStatuses: {
    pending: ['REQUESTED', 'AUTHORIZED', 'PROGRESSING'],
    endedWell: ['HEALTHY', 'SUPERSEDED'],
  },
});
