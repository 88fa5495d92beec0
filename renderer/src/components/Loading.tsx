import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';

export interface LoadingProps {
  /** What is loading, for screen readers. */
  label: string;
  fullScreen?: boolean;
}

export function Loading({ label, fullScreen = false }: LoadingProps) {
  return (
    <Box
      role="status"
      sx={{ display: 'grid', placeItems: 'center', minHeight: fullScreen ? '100vh' : 120, p: 2 }}
    >
      <CircularProgress aria-label={label} />
    </Box>
  );
}
