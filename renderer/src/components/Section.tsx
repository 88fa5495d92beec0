import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useId } from 'react';

export interface SectionProps {
  title: string;
  children: ReactNode;
  /** Buttons shown on the right of the heading. */
  actions?: ReactNode;
  /** The heading level in the page outline (h2 by default). */
  level?: 'h2' | 'h3';
}

/** A titled block of a screen, labelled by its heading for screen readers. */
export function Section({ title, children, actions, level = 'h2' }: SectionProps) {
  const id = useId();
  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby={id}
      sx={{ p: { xs: 2, md: 2.5 } }}
    >
      <Stack
        direction="row"
        sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1.5, gap: 2 }}
      >
        <Typography id={id} variant={level === 'h2' ? 'h2' : 'h3'} component={level}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Paper>
  );
}
