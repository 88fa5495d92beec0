import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { VisitState } from '../../../../shared/schemas/visit';

export type StepName = 'person' | 'passport' | 'approval' | 'consent' | 'issue';

export interface VisitHeaderProps {
  visit: VisitState;
  steps: StepName[];
  active: StepName;
}

export function VisitHeader({ visit, steps, active }: VisitHeaderProps) {
  const { t } = useTranslation('clerk');
  const activeIndex = steps.indexOf(active);
  return (
    <Box sx={{ mb: 3 }}>
      <Typography variant="h1">{t(`visit.title.${visit.kind}`)}</Typography>
      <Typography sx={{ mt: 0.5, mb: 2 }} color="text.secondary">
        {t('visit.account', {
          payerCode: visit.account.payerCode,
          address: visit.account.address.line,
        })}
      </Typography>
      <Stepper
        activeStep={activeIndex}
        aria-label={t('visit.steps.label')}
        component="ol"
        sx={{ p: 0, listStyle: 'none' }}
      >
        {steps.map((s, i) => (
          <Step
            key={s}
            completed={i < activeIndex}
            component="li"
            aria-current={i === activeIndex ? 'step' : undefined}
          >
            <StepLabel>{t(`visit.steps.${s}`)}</StepLabel>
          </Step>
        ))}
      </Stepper>
    </Box>
  );
}
