export * from './archive-files';
export * from './archive-jobs';
export * from './chapters-vtt';
export * from './recording-status.publisher';
export * from './recording-view';
export * from './source-path';
export * from './chapter-titles';
export * from './panel-paths';
