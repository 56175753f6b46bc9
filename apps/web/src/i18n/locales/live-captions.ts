/** Live captions on the watch page (spread into en/fr/zh as `liveCaptions`). */
export const en = {
  toggle: 'CC',
  on: 'Live captions on',
  off: 'Live captions off',
  title: 'Live captions',
  waiting: 'Captions appear here a few seconds after the words are spoken.',
  machineMade: 'Machine captions: they can contain mistakes.',
};

export const fr: typeof en = {
  toggle: 'ST',
  on: 'Sous-titres en direct activés',
  off: 'Sous-titres en direct désactivés',
  title: 'Sous-titres en direct',
  waiting: 'Les sous-titres s’affichent ici quelques secondes après les paroles.',
  machineMade: 'Sous-titres automatiques : ils peuvent contenir des erreurs.',
};

export const zh: typeof en = {
  toggle: '字幕',
  on: '实时字幕已开启',
  off: '实时字幕已关闭',
  title: '实时字幕',
  waiting: '字幕会在发言后几秒钟显示在这里。',
  machineMade: '机器生成的字幕，可能有错误。',
};
