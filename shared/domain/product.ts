export const PRODUCT_NAME = '脱贫成效分析工作站';
export const PRODUCT_VERSION = '0.1.0';
