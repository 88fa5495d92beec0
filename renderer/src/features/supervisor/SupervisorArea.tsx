import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClerkSummary } from '../../../../shared/schemas/session';
import { useLeaveGuard } from '../../components/LeaveGuard';
import { useKey } from '../../components/useKey';
import './i18n';
import { ApprovalsList } from './approvals/ApprovalsList';
import { AuditLog } from './audit/AuditLog';
import { PassportListPanel } from './passportList/PassportListPanel';
import { PersonalDataPanel } from './personalData/PersonalDataPanel';
import { DailyReport } from './report/DailyReport';
import { SettingsPanel } from './settings/SettingsPanel';
import { StaffList } from './staff/StaffList';
import { SyncPanel } from './sync/SyncPanel';

export const SUPERVISOR_TABS = [
  'audit',
  'report',
  'approvals',
  'staff',
  'settings',
  'passportList',
  'personalData',
  'sync',
] as const;
export type SupervisorTab = (typeof SUPERVISOR_TABS)[number];

export interface SupervisorAreaProps {
  clerk: ClerkSummary;
  onBack: () => void;
}

/** Audit, reports, approvals, staff, settings, the passport list, personal data and sync: one tab each. */
export function SupervisorArea({ clerk, onBack }: SupervisorAreaProps) {
  const { t } = useTranslation('supervisor');
  const [tab, setTab] = useState<SupervisorTab>('audit');
  const leave = useLeaveGuard();
  useKey('Escape', () => leave(onBack));
  // Opening the area puts the focus on its tabs, so the arrow keys and Enter work at once.
  const tabList = useRef<HTMLDivElement>(null);
  useEffect(() => {
    tabList.current?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus();
  }, []);

  const panel = {
    audit: <AuditLog />,
    report: <DailyReport />,
    approvals: <ApprovalsList />,
    staff: <StaffList me={clerk} />,
    settings: <SettingsPanel />,
    passportList: <PassportListPanel />,
    personalData: <PersonalDataPanel />,
    sync: <SyncPanel />,
  }[tab];

  return (
    <Box>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('title')}
      </Typography>
      <Tabs
        ref={tabList}
        value={tab}
        onChange={(_e, next: SupervisorTab) => leave(() => setTab(next))}
        aria-label={t('tabs.label')}
        // Every tab in sight on any width: on a narrow window the list wraps onto a second
        // line instead of hiding the last tabs behind a scroll arrow. The sliding indicator
        // cannot follow a wrapped line, so the selected tab carries its own underline.
        sx={{
          borderBottom: 1,
          borderColor: 'divider',
          mb: 3,
          '& .MuiTabs-list': { flexWrap: 'wrap' },
          '& .MuiTabs-indicator': { display: 'none' },
        }}
      >
        {SUPERVISOR_TABS.map((name) => (
          <Tab
            key={name}
            value={name}
            label={t(`tabs.${name}`)}
            id={`supervisor-tab-${name}`}
            aria-controls={`supervisor-panel-${name}`}
            sx={{
              minWidth: 0,
              px: 1.5,
              borderBottom: 2,
              borderColor: 'transparent',
              '&.Mui-selected': { borderColor: 'primary.main' },
            }}
          />
        ))}
      </Tabs>
      <Box role="tabpanel" id={`supervisor-panel-${tab}`} aria-labelledby={`supervisor-tab-${tab}`}>
        {panel}
      </Box>
    </Box>
  );
}
